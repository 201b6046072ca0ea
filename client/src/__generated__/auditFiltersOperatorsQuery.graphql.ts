/**
 * @generated SignedSource<<7024f2b2595e44e39e94681afd8b38b6>>
 * @relayHash e7221fa311fa68300acb4e705b0f08f5
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 4f4cd8d556c68abdeae341b74a76f85c21a6a5fb06850c302d22bd531194428d

import { ConcreteRequest } from 'relay-runtime';
export type auditFiltersOperatorsQuery$variables = Record<PropertyKey, never>;
export type auditFiltersOperatorsQuery$data = {
  readonly operators: ReadonlyArray<{
    readonly displayName: string;
    readonly id: string;
    readonly username: string;
  }>;
};
export type auditFiltersOperatorsQuery = {
  response: auditFiltersOperatorsQuery$data;
  variables: auditFiltersOperatorsQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "Operator",
    "kind": "LinkedField",
    "name": "operators",
    "plural": true,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "id",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "username",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "displayName",
        "storageKey": null
      }
    ],
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "auditFiltersOperatorsQuery",
    "selections": (v0/*:: as any*/),
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "auditFiltersOperatorsQuery",
    "selections": (v0/*:: as any*/)
  },
  "params": {
    "cacheID": "e7221fa311fa68300acb4e705b0f08f5",
    "id": "4f4cd8d556c68abdeae341b74a76f85c21a6a5fb06850c302d22bd531194428d",
    "metadata": {},
    "name": "auditFiltersOperatorsQuery",
    "operationKind": "query",
    "text": "query auditFiltersOperatorsQuery {\n  operators {\n    id\n    username\n    displayName\n  }\n}\n"
  }
};
})();

(node as any).hash = "4e101e81026fd5182b41fdf2b20b08a3";

export default node;
