/**
 * Every request's argument schema, built once from the contract's entries (api.ts) and the shared
 * kit (schemas.ts). Main-side only: this is where zod meets the contract.
 */
import { requestNames, requests, type RequestName, type RequestSchema } from './api';
import { schemaKit } from './schemas';

export type RequestSchemas = { readonly [N in RequestName]: RequestSchema<N> };

export const requestSchemas = Object.freeze(
  Object.fromEntries(requestNames.map((name) => [name, requests[name].args(schemaKit)])),
) as RequestSchemas;
