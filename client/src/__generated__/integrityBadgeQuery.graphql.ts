/**
 * @generated SignedSource<<a2c04230005c3d91ee76c56ac4c3f7a1>>
 * @relayHash 12cf04a7ca32d304a79041ba42b97280
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 1506b20d7d4f71094896738ff9f74dd4c5d798244d4ce4cc5243b454fc42bfca

import { ConcreteRequest } from 'relay-runtime';
export type integrityBadgeQuery$variables = Record<PropertyKey, never>;
export type integrityBadgeQuery$data = {
  readonly auditIntegrity: {
    readonly firstInvalidSeq: string | null | undefined;
    readonly headHash: string;
    readonly headSeq: string;
    readonly message: string | null | undefined;
    readonly valid: boolean;
    readonly verifiedAt: any;
  };
};
export type integrityBadgeQuery = {
  response: integrityBadgeQuery$data;
  variables: integrityBadgeQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "concreteType": "AuditIntegrityReport",
    "kind": "LinkedField",
    "name": "auditIntegrity",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "valid",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "headSeq",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "headHash",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "verifiedAt",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "firstInvalidSeq",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "message",
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
    "name": "integrityBadgeQuery",
    "selections": (v0/*:: as any*/),
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "integrityBadgeQuery",
    "selections": (v0/*:: as any*/)
  },
  "params": {
    "cacheID": "12cf04a7ca32d304a79041ba42b97280",
    "id": "1506b20d7d4f71094896738ff9f74dd4c5d798244d4ce4cc5243b454fc42bfca",
    "metadata": {},
    "name": "integrityBadgeQuery",
    "operationKind": "query",
    "text": "query integrityBadgeQuery {\n  auditIntegrity {\n    valid\n    headSeq\n    headHash\n    verifiedAt\n    firstInvalidSeq\n    message\n  }\n}\n"
  }
};
})();

(node as any).hash = "cebe356880caf240d198cf6c7432a30b";

export default node;
