/**
 * @generated SignedSource<<35bdbb7d043e25fc5872655b2d9a2f53>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type OperatorRole = "ADMIN" | "COMPLIANCE" | "REVIEWER" | "VIEWER" | "%future added value";
export type sessionProviderViewerQuery$variables = Record<PropertyKey, never>;
export type sessionProviderViewerQuery$data = {
  readonly viewer: {
    readonly displayName: string;
    readonly id: string;
    readonly role: OperatorRole;
    readonly username: string;
  } | null | undefined;
};
export type sessionProviderViewerQuery = {
  response: sessionProviderViewerQuery$data;
  variables: sessionProviderViewerQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "Operator",
    "kind": "LinkedField",
    "name": "viewer",
    "plural": false,
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
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "role",
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
    "name": "sessionProviderViewerQuery",
    "selections": (v0/*:: as any*/),
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "sessionProviderViewerQuery",
    "selections": (v0/*:: as any*/)
  },
  "params": {
    "cacheID": "8e84368dc4f10874d2aa69e46236f401",
    "id": null,
    "metadata": {},
    "name": "sessionProviderViewerQuery",
    "operationKind": "query",
    "text": "query sessionProviderViewerQuery {\n  viewer {\n    id\n    username\n    displayName\n    role\n  }\n}\n"
  }
};
})();

(node as any).hash = "b288da048bc2743b60508e72e95650aa";

export default node;
