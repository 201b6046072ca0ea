/**
 * @generated SignedSource<<a75107e25a889a5ca487dd457e520602>>
 * @relayHash c961d7068542e103302f44f12464774b
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 920139dd03b19afaa13098078994d2b575827eed9b946c38916329c68a89f606

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
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
export type useAuditEntryAddedSubscription$variables = {
  afterSeq?: string | null | undefined;
  filter?: AuditLogFilter | null | undefined;
};
export type useAuditEntryAddedSubscription$data = {
  readonly auditEntryAdded: {
    readonly id: string;
    readonly sequence: string;
    readonly " $fragmentSpreads": FragmentRefs<"auditLogRow_entry" | "auditLogTable_verification">;
  };
};
export type useAuditEntryAddedSubscription = {
  response: useAuditEntryAddedSubscription$data;
  variables: useAuditEntryAddedSubscription$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "afterSeq"
},
v1 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "filter"
},
v2 = [
  {
    "kind": "Variable",
    "name": "afterSeq",
    "variableName": "afterSeq"
  },
  {
    "kind": "Variable",
    "name": "filter",
    "variableName": "filter"
  }
],
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "sequence",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [
      (v0/*:: as any*/),
      (v1/*:: as any*/)
    ],
    "kind": "Fragment",
    "metadata": null,
    "name": "useAuditEntryAddedSubscription",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": "AuditEntry",
        "kind": "LinkedField",
        "name": "auditEntryAdded",
        "plural": false,
        "selections": [
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "auditLogRow_entry"
          },
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "auditLogTable_verification"
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Subscription",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [
      (v1/*:: as any*/),
      (v0/*:: as any*/)
    ],
    "kind": "Operation",
    "name": "useAuditEntryAddedSubscription",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": "AuditEntry",
        "kind": "LinkedField",
        "name": "auditEntryAdded",
        "plural": false,
        "selections": [
          (v3/*:: as any*/),
          (v4/*:: as any*/),
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
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "customerId",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": "User",
            "kind": "LinkedField",
            "name": "user",
            "plural": false,
            "selections": [
              (v3/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "name",
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": "Operator",
            "kind": "LinkedField",
            "name": "operator",
            "plural": false,
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "username",
                "storageKey": null
              },
              (v3/*:: as any*/)
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "eventData",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "logId",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "operatorUuid",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "recommendationUuid",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "ipAddress",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "userAgent",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "contentHash",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "prevHash",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "hash",
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "c961d7068542e103302f44f12464774b",
    "id": "920139dd03b19afaa13098078994d2b575827eed9b946c38916329c68a89f606",
    "metadata": {},
    "name": "useAuditEntryAddedSubscription",
    "operationKind": "subscription",
    "text": "subscription useAuditEntryAddedSubscription(\n  $filter: AuditLogFilter\n  $afterSeq: String\n) {\n  auditEntryAdded(filter: $filter, afterSeq: $afterSeq) {\n    id\n    sequence\n    ...auditLogRow_entry\n    ...auditLogTable_verification\n  }\n}\n\nfragment auditLogRow_entry on AuditEntry {\n  id\n  sequence\n  eventType\n  occurredAt\n  customerId\n  user {\n    id\n    name\n  }\n  operator {\n    username\n    id\n  }\n  eventData\n}\n\nfragment auditLogTable_verification on AuditEntry {\n  sequence\n  logId\n  eventType\n  customerId\n  operatorUuid\n  recommendationUuid\n  occurredAt\n  eventData\n  ipAddress\n  userAgent\n  contentHash\n  prevHash\n  hash\n}\n"
  }
};
})();

(node as any).hash = "7eeea39e65139dae3a6fdb1778cdbb8f";

export default node;
