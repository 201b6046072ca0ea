/**
 * @generated SignedSource<<6b875b3e1c337eaa65e6936e3d1f5f8d>>
 * @relayHash 4f4279cbd2a004f0e09ca56fb4f0d185
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 64572b86780218dfcbadbf10e3cc3516aad6dfb8568fd36e4dd061274d65abbc

import { ConcreteRequest } from 'relay-runtime';
export type AuditEventType = "AUDIT_ARCHIVED" | "AUDIT_CHECKPOINT" | "AUDIT_EXPORTED" | "AUDIT_PURGED" | "CONSENT_CHANGED" | "ELIGIBILITY_CHECKED" | "LOGIN_ATTEMPT" | "LOGOUT" | "OPERATOR_ACTION" | "PERSONA_ASSIGNED" | "PERSONA_OVERRIDDEN" | "RECOMMENDATION_GENERATED" | "TONE_VALIDATED" | "UNAUTHORIZED_ACCESS" | "%future added value";
export type AuditLogFilter = {
  eventTypes?: ReadonlyArray<AuditEventType> | null | undefined;
  from?: any | null | undefined;
  includeArchived?: boolean | null | undefined;
  operatorId?: string | null | undefined;
  recommendationId?: string | null | undefined;
  to?: any | null | undefined;
  userId?: string | null | undefined;
};
export type exportDialogEstimateQuery$variables = {
  filter?: AuditLogFilter | null | undefined;
  sample: number;
};
export type exportDialogEstimateQuery$data = {
  readonly auditLog: {
    readonly edges: ReadonlyArray<{
      readonly node: {
        readonly contentHash: string;
        readonly customerId: string | null | undefined;
        readonly eventData: any;
        readonly eventType: AuditEventType;
        readonly hash: string;
        readonly ipAddress: string | null | undefined;
        readonly logId: string;
        readonly occurredAt: any;
        readonly operatorUuid: string | null | undefined;
        readonly prevHash: string;
        readonly recommendationUuid: string | null | undefined;
        readonly sequence: string;
        readonly userAgent: string | null | undefined;
      };
    }>;
    readonly totalCount: number;
  };
};
export type exportDialogEstimateQuery = {
  response: exportDialogEstimateQuery$data;
  variables: exportDialogEstimateQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "filter"
  },
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "sample"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "filter",
    "variableName": "filter"
  },
  {
    "kind": "Variable",
    "name": "first",
    "variableName": "sample"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "totalCount",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "sequence",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "logId",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "eventType",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "customerId",
  "storageKey": null
},
v7 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "operatorUuid",
  "storageKey": null
},
v8 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "recommendationUuid",
  "storageKey": null
},
v9 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "occurredAt",
  "storageKey": null
},
v10 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "eventData",
  "storageKey": null
},
v11 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "ipAddress",
  "storageKey": null
},
v12 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "userAgent",
  "storageKey": null
},
v13 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "contentHash",
  "storageKey": null
},
v14 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "prevHash",
  "storageKey": null
},
v15 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "hash",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "exportDialogEstimateQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "AuditEntryConnection",
        "kind": "LinkedField",
        "name": "auditLog",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
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
                  (v3/*:: as any*/),
                  (v4/*:: as any*/),
                  (v5/*:: as any*/),
                  (v6/*:: as any*/),
                  (v7/*:: as any*/),
                  (v8/*:: as any*/),
                  (v9/*:: as any*/),
                  (v10/*:: as any*/),
                  (v11/*:: as any*/),
                  (v12/*:: as any*/),
                  (v13/*:: as any*/),
                  (v14/*:: as any*/),
                  (v15/*:: as any*/)
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "exportDialogEstimateQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "AuditEntryConnection",
        "kind": "LinkedField",
        "name": "auditLog",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
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
                  (v3/*:: as any*/),
                  (v4/*:: as any*/),
                  (v5/*:: as any*/),
                  (v6/*:: as any*/),
                  (v7/*:: as any*/),
                  (v8/*:: as any*/),
                  (v9/*:: as any*/),
                  (v10/*:: as any*/),
                  (v11/*:: as any*/),
                  (v12/*:: as any*/),
                  (v13/*:: as any*/),
                  (v14/*:: as any*/),
                  (v15/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "id",
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "4f4279cbd2a004f0e09ca56fb4f0d185",
    "id": "64572b86780218dfcbadbf10e3cc3516aad6dfb8568fd36e4dd061274d65abbc",
    "metadata": {},
    "name": "exportDialogEstimateQuery",
    "operationKind": "query",
    "text": "query exportDialogEstimateQuery(\n  $filter: AuditLogFilter\n  $sample: Int!\n) {\n  auditLog(filter: $filter, first: $sample) {\n    totalCount\n    edges {\n      node {\n        sequence\n        logId\n        eventType\n        customerId\n        operatorUuid\n        recommendationUuid\n        occurredAt\n        eventData\n        ipAddress\n        userAgent\n        contentHash\n        prevHash\n        hash\n        id\n      }\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "8be2274ecb198af21053e52d201bbf4f";

export default node;
