import { createSystem, defaultConfig, defineConfig } from '@chakra-ui/react';

/**
 * Chakra's default system with the solid green darkened: white on green.600 measures 3.3:1, below WCAG AA's
 * 4.5:1 for text, and the console uses solid green badges ("held", "Assigned"). green.700 measures 5.0:1.
 */
export const system = createSystem(
  defaultConfig,
  defineConfig({
    theme: {
      semanticTokens: {
        colors: {
          green: { solid: { value: '{colors.green.700}' } },
        },
      },
    },
  }),
);
