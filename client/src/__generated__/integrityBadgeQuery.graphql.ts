/**
 * @generated SignedSource<<5503da3f5faa31866a097153880be40a>>
 * @relayHash 155d4e833edeb58f9d55c01cfb341893
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 1adf84f152c0e736ee06fcec8ebf05bd8773f1bb69abad4e1ed04e32d61cd0eb

import { ConcreteRequest } from 'relay-runtime';
export type AuditRangeKind = "ACTIVE" | "ARCHIVED" | "PURGED" | "%future added value";
export type integrityBadgeQuery$variables = Record<PropertyKey, never>;
export type integrityBadgeQuery$data = {
  readonly auditIntegrity: {
    readonly firstInvalidSeq: string | null | undefined;
    readonly headHash: string;
    readonly headSeq: string;
    readonly message: string | null | undefined;
    readonly ranges: ReadonlyArray<{
      readonly firstSeq: string;
      readonly kind: AuditRangeKind;
      readonly lastSeq: string;
      readonly rowCount: number;
    }>;
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
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "AuditIntegrityRange",
        "kind": "LinkedField",
        "name": "ranges",
        "plural": true,
        "selections": [
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "kind",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "firstSeq",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "lastSeq",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "rowCount",
            "storageKey": null
          }
        ],
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
    "cacheID": "155d4e833edeb58f9d55c01cfb341893",
    "id": "1adf84f152c0e736ee06fcec8ebf05bd8773f1bb69abad4e1ed04e32d61cd0eb",
    "metadata": {},
    "name": "integrityBadgeQuery",
    "operationKind": "query",
    "text": "query integrityBadgeQuery {\n  auditIntegrity {\n    valid\n    headSeq\n    headHash\n    verifiedAt\n    firstInvalidSeq\n    message\n    ranges {\n      kind\n      firstSeq\n      lastSeq\n      rowCount\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "4596c57d0081a11e77d687e13212c49c";

export default node;
