// The official API metadata (trimmed fixtures, see scripts/trim-metadata.ts) and the reply-shape check
// it drives: every field of a reply is known to the metadata or, for fields added since June 2024, to the
// current SDK's models (`names()` / `types()` of the response-body classes), with the right JSON type.
import * as $Alb from '@alicloud/alb20200616';
import * as $Cas from '@alicloud/cas20200407';
import albFixture from './fixtures/alb-2020-06-16.json' with { type: 'json' };
import casFixture from './fixtures/cas-2020-04-07.json' with { type: 'json' };

export type Product = 'alb' | 'cas';

export interface Schema {
  type?: string;
  format?: string;
  required?: boolean;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  minItems?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
}

export interface Parameter {
  name: string;
  in: string;
  style?: string;
  schema: Schema;
  dryRunDescription?: string;
}

export interface ApiMetadata {
  parameters: Parameter[];
  response: Schema;
  /** HTTP status → the codes the action lists for it. */
  errorCodes: Record<string, string[]>;
}

interface Fixture {
  source: string;
  actions: string[];
  apis: Record<string, ApiMetadata>;
}

export const METADATA: Record<Product, Fixture> = {
  alb: albFixture as unknown as Fixture,
  cas: casFixture as unknown as Fixture,
};

export function apiOf(product: Product, action: string): ApiMetadata {
  const api = METADATA[product].apis[action];
  if (!api)
    throw new Error(
      `${action} is not in the ${product} fixture: run scripts/trim-metadata.ts (see its header) to add it`,
    );
  return api;
}

/** An SDK model class: `names()` maps camelCase fields to wire names, `types()` gives their types. */
interface ModelClass {
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

const SDK_MODULES: Record<Product, Record<string, unknown>> = {
  alb: $Alb as unknown as Record<string, unknown>,
  cas: $Cas as unknown as Record<string, unknown>,
};

/** The SDK's model of an action's reply body, when the SDK has the action. */
export function responseModel(product: Product, action: string): ModelClass | undefined {
  const model = SDK_MODULES[product][`${action}ResponseBody`];
  return isModel(model) ? model : undefined;
}

function isModel(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<ModelClass>).names === 'function' &&
    typeof (value as Partial<ModelClass>).types === 'function'
  );
}

/** A field as the SDK types it: 'string' | 'number' | 'boolean' | 'any' | a model | an array of either. */
type SdkType = unknown;

function sdkFieldsOf(model: ModelClass | undefined): Map<string, SdkType> {
  const fields = new Map<string, SdkType>();
  if (!model) return fields;
  const types = model.types();
  for (const [field, wire] of Object.entries(model.names())) fields.set(wire, types[field]);
  return fields;
}

function sdkModelOf(type: SdkType): ModelClass | undefined {
  if (isModel(type)) return type;
  if (typeof type === 'object' && type !== null && 'itemType' in type) {
    return sdkModelOf((type as { itemType: unknown }).itemType);
  }
  return undefined;
}

function sdkItemType(type: SdkType): SdkType {
  return typeof type === 'object' && type !== null && 'itemType' in type
    ? (type as { itemType: unknown }).itemType
    : undefined;
}

/** The JSON type a value must have, from the metadata's schema or else the SDK's type. */
function expectedKind(schema: Schema | undefined, sdk: SdkType): string | undefined {
  if (schema?.type) return schema.type === 'integer' ? 'integer' : schema.type;
  if (isModel(sdk)) return 'object';
  if (typeof sdk === 'object' && sdk !== null && (sdk as { type?: string }).type === 'array') return 'array';
  if (sdk === 'number') return 'number';
  if (sdk === 'string' || sdk === 'boolean') return sdk;
  return undefined;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Every way `value` departs from the reply shape: fields neither the metadata nor the SDK knows
 * (which also catches wrong casing), values of the wrong JSON type, values outside a documented enum.
 */
export function shapeProblems(value: unknown, schema: Schema | undefined, sdk: SdkType, path = ''): string[] {
  const expected = expectedKind(schema, sdk);
  const actual = kindOf(value);
  if (expected && !(actual === expected || (expected === 'number' && actual === 'integer'))) {
    return [`${path || '(body)'}: ${actual} where the metadata says ${expected}`];
  }
  if (schema?.enum && typeof value === 'string' && !schema.enum.includes(value)) {
    return [`${path}: "${value}" is not one of ${schema.enum.join(', ')}`];
  }
  if (actual === 'array') {
    return (value as unknown[]).flatMap((item, index) =>
      shapeProblems(item, schema?.items, sdkItemType(sdk), `${path}[${index}]`),
    );
  }
  if (actual !== 'object') return [];
  const sdkFields = sdkFieldsOf(sdkModelOf(sdk));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => {
    const fieldSchema = schema?.properties?.[key];
    const fieldSdk = sdkFields.get(key);
    const where = path ? `${path}.${key}` : key;
    if (!fieldSchema && fieldSdk === undefined)
      return [`${where}: a field neither the metadata nor the SDK knows`];
    return shapeProblems(inner, fieldSchema, fieldSdk, where);
  });
}

/** The shape problems of a whole reply body of `action`. */
export function replyProblems(product: Product, action: string, body: unknown): string[] {
  return shapeProblems(body, apiOf(product, action).response, responseModel(product, action));
}
