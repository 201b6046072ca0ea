/**
 * @generated SignedSource<<d105f6b901442ce23b9532f7feac32f8>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type AuditEventType = "AUDIT_ARCHIVED" | "AUDIT_EXPORTED" | "AUDIT_PURGED" | "CONSENT_CHANGED" | "ELIGIBILITY_CHECKED" | "LOGIN_ATTEMPT" | "OPERATOR_ACTION" | "PERSONA_ASSIGNED" | "PERSONA_OVERRIDDEN" | "RECOMMENDATION_GENERATED" | "TONE_VALIDATED" | "UNAUTHORIZED_ACCESS" | "%future added value";
export type auditLogPageQuery$variables = Record<PropertyKey, never>;
export type auditLogPageQuery$data = {
  readonly auditLog: {
    readonly edges: ReadonlyArray<{
      readonly node: {
        readonly eventType: AuditEventType;
        readonly id: string;
        readonly occurredAt: any;
        readonly sequence: string;
      };
    }>;
    readonly totalCount: number;
  };
};
export type auditLogPageQuery = {
  response: auditLogPageQuery$data;
  variables: auditLogPageQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": [
      {
        "kind": "Literal",
        "name": "first",
        "value": 20
      }
    ],
    "concreteType": "AuditEntryConnection",
    "kind": "LinkedField",
    "name": "auditLog",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "totalCount",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "AuditEntryEdge",
        "kind": "LinkedField",
        "name": "edges",
        "plural": true,
        "selections": [
          {
            "alias": null,
            "args": null,
            "concreteType": "AuditEntry",
            "kind": "LinkedField",
            "name": "node",
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
                "name": "sequence",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "eventType",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "occurredAt",
                "storageKey": null
              }
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ],
    "storageKey": "auditLog(first:20)"
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "auditLogPageQuery",
    "selections": (v0/*:: as any*/),
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "auditLogPageQuery",
    "selections": (v0/*:: as any*/)
  },
  "params": {
    "cacheID": "58b8a80b4af3ac75b7a6679989e5011f",
    "id": null,
    "metadata": {},
    "name": "auditLogPageQuery",
    "operationKind": "query",
    "text": "query auditLogPageQuery {\n  auditLog(first: 20) {\n    totalCount\n    edges {\n      node {\n        id\n        sequence\n        eventType\n        occurredAt\n      }\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "1697692f12ef25b1dfe64c4ff8f18e10";

export default node;
