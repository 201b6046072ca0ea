/**
 * @generated SignedSource<<5e907ee255c821edddb71389e32c003a>>
 * @relayHash 8e84368dc4f10874d2aa69e46236f401
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 8320d854463bee3d451366077649ee8a5c9190e5a8f8f0493e79e7e2b1786331

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
    "id": "8320d854463bee3d451366077649ee8a5c9190e5a8f8f0493e79e7e2b1786331",
    "metadata": {},
    "name": "sessionProviderViewerQuery",
    "operationKind": "query",
    "text": "query sessionProviderViewerQuery {\n  viewer {\n    id\n    username\n    displayName\n    role\n  }\n}\n"
  }
};
})();

(node as any).hash = "b288da048bc2743b60508e72e95650aa";

export default node;
