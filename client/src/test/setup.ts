import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// relay-test-utils' MockPayloadGenerator and createMockEnvironment call `jest.fn()`; Vitest's `vi` has the same shape.
(globalThis as unknown as { jest: typeof vi }).jest = vi;

afterEach(() => cleanup());
