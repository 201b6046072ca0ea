import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type PothosTypeConfig,
  type SchemaTypes,
} from '@pothos/core';
import { type Access, authScopesOf, FIELD_POLICY, TYPE_POLICY } from '../policy.js';

/**
 * Gives every field and type named in the policy table (policy.ts) its auth scopes, so no schema file
 * states who may read it: scope-auth (listed after this plugin) enforces what this one set.
 */
export class OversightPolicyPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onTypeConfig(typeConfig: PothosTypeConfig): PothosTypeConfig {
    const access: Access | undefined = (TYPE_POLICY as Record<string, Access>)[typeConfig.name];
    if (access === undefined || (typeConfig.kind !== 'Object' && typeConfig.kind !== 'Interface')) {
      return typeConfig;
    }
    return {
      ...typeConfig,
      pothosOptions: { ...typeConfig.pothosOptions, authScopes: authScopesOf(access) } as never,
    };
  }

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const access: Access | undefined = (FIELD_POLICY as Record<string, Access>)[
      `${fieldConfig.parentType}.${fieldConfig.name}`
    ];
    if (access === undefined) return fieldConfig;
    return {
      ...fieldConfig,
      pothosOptions: { ...fieldConfig.pothosOptions, authScopes: authScopesOf(access) } as never,
    };
  }
}

export const OVERSIGHT_POLICY_PLUGIN = 'oversightPolicy';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      oversightPolicy: OversightPolicyPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(OVERSIGHT_POLICY_PLUGIN, OversightPolicyPlugin);
