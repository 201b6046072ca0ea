/**
 * @generated SignedSource<<577b5ca9900216b6c4613605f2a6f7ef>>
 * @relayHash 7b9ee2544b48cc885abac27ab78abc6a
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID a159407085a629c30cb1cf1e16d11520925051777ffe368c56b9a527a04b4c1b

import { ConcreteRequest } from 'relay-runtime';
export type AuditEventType = "AUDIT_ARCHIVED" | "AUDIT_CHECKPOINT" | "AUDIT_EXPORTED" | "AUDIT_PURGED" | "CONSENT_CHANGED" | "ELIGIBILITY_CHECKED" | "LOGIN_ATTEMPT" | "LOGOUT" | "OPERATOR_ACTION" | "PERSONA_ASSIGNED" | "PERSONA_OVERRIDDEN" | "RECOMMENDATION_GENERATED" | "TONE_VALIDATED" | "UNAUTHORIZED_ACCESS" | "%future added value";
export type OperatorRole = "ADMIN" | "COMPLIANCE" | "REVIEWER" | "VIEWER" | "%future added value";
export type TimeWindow = "D180" | "D30" | "%future added value";
export type auditEntryDrawerQuery$variables = {
  id: string;
};
export type auditEntryDrawerQuery$data = {
  readonly node: {
    readonly contentHash?: string;
    readonly customerId?: string | null | undefined;
    readonly details?: {
      readonly __typename: "PersonaAssignedDetails";
      readonly assignment: {
        readonly id: string;
      } | null | undefined;
      readonly window: TimeWindow;
    } | {
      readonly __typename: "PersonaOverriddenDetails";
      readonly assignment: {
        readonly id: string;
      } | null | undefined;
    } | {
      // This will never be '%other', but we need some
      // value in case none of the concrete values match.
      readonly __typename: "%other";
    } | null | undefined;
    readonly eventData?: any;
    readonly eventType?: AuditEventType;
    readonly hash?: string;
    readonly ipAddress?: string | null | undefined;
    readonly logId?: string;
    readonly occurredAt?: any;
    readonly operator?: {
      readonly displayName: string;
      readonly role: OperatorRole;
      readonly username: string;
    } | null | undefined;
    readonly operatorUuid?: string | null | undefined;
    readonly prevHash?: string;
    readonly recommendation?: {
      readonly title: string;
    } | null | undefined;
    readonly recommendationUuid?: string | null | undefined;
    readonly sequence?: string;
    readonly user?: {
      readonly id: string;
      readonly name: string;
    } | null | undefined;
    readonly userAgent?: string | null | undefined;
  } | null | undefined;
};
export type auditEntryDrawerQuery = {
  response: auditEntryDrawerQuery$data;
  variables: auditEntryDrawerQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "id"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "id",
    "variableName": "id"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "sequence",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "logId",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "eventType",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "occurredAt",
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
  "name": "ipAddress",
  "storageKey": null
},
v10 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "userAgent",
  "storageKey": null
},
v11 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "eventData",
  "storageKey": null
},
v12 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "contentHash",
  "storageKey": null
},
v13 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "prevHash",
  "storageKey": null
},
v14 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "hash",
  "storageKey": null
},
v15 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v16 = {
  "alias": null,
  "args": null,
  "concreteType": "User",
  "kind": "LinkedField",
  "name": "user",
  "plural": false,
  "selections": [
    (v15/*:: as any*/),
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
v17 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "username",
  "storageKey": null
},
v18 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "displayName",
  "storageKey": null
},
v19 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "role",
  "storageKey": null
},
v20 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "title",
  "storageKey": null
},
v21 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "__typename",
  "storageKey": null
},
v22 = {
  "alias": null,
  "args": null,
  "concreteType": "PersonaAssignment",
  "kind": "LinkedField",
  "name": "assignment",
  "plural": false,
  "selections": [
    (v15/*:: as any*/)
  ],
  "storageKey": null
},
v23 = {
  "alias": null,
  "args": null,
  "concreteType": null,
  "kind": "LinkedField",
  "name": "details",
  "plural": false,
  "selections": [
    (v21/*:: as any*/),
    {
      "kind": "InlineFragment",
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "window",
          "storageKey": null
        },
        (v22/*:: as any*/)
      ],
      "type": "PersonaAssignedDetails",
      "abstractKey": null
    },
    {
      "kind": "InlineFragment",
      "selections": [
        (v22/*:: as any*/)
      ],
      "type": "PersonaOverriddenDetails",
      "abstractKey": null
    }
  ],
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "auditEntryDrawerQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          {
            "kind": "InlineFragment",
            "selections": [
              (v2/*:: as any*/),
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
              (v16/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Operator",
                "kind": "LinkedField",
                "name": "operator",
                "plural": false,
                "selections": [
                  (v17/*:: as any*/),
                  (v18/*:: as any*/),
                  (v19/*:: as any*/)
                ],
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "concreteType": "Recommendation",
                "kind": "LinkedField",
                "name": "recommendation",
                "plural": false,
                "selections": [
                  (v20/*:: as any*/)
                ],
                "storageKey": null
              },
              (v23/*:: as any*/)
            ],
            "type": "AuditEntry",
            "abstractKey": null
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
    "name": "auditEntryDrawerQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          (v21/*:: as any*/),
          {
            "kind": "InlineFragment",
            "selections": [
              (v2/*:: as any*/),
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
              (v16/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Operator",
                "kind": "LinkedField",
                "name": "operator",
                "plural": false,
                "selections": [
                  (v17/*:: as any*/),
                  (v18/*:: as any*/),
                  (v19/*:: as any*/),
                  (v15/*:: as any*/)
                ],
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "concreteType": "Recommendation",
                "kind": "LinkedField",
                "name": "recommendation",
                "plural": false,
                "selections": [
                  (v20/*:: as any*/),
                  (v15/*:: as any*/)
                ],
                "storageKey": null
              },
              (v23/*:: as any*/)
            ],
            "type": "AuditEntry",
            "abstractKey": null
          },
          (v15/*:: as any*/)
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "7b9ee2544b48cc885abac27ab78abc6a",
    "id": "a159407085a629c30cb1cf1e16d11520925051777ffe368c56b9a527a04b4c1b",
    "metadata": {},
    "name": "auditEntryDrawerQuery",
    "operationKind": "query",
    "text": "query auditEntryDrawerQuery(\n  $id: ID!\n) {\n  node(id: $id) {\n    __typename\n    ... on AuditEntry {\n      sequence\n      logId\n      eventType\n      occurredAt\n      customerId\n      operatorUuid\n      recommendationUuid\n      ipAddress\n      userAgent\n      eventData\n      contentHash\n      prevHash\n      hash\n      user {\n        id\n        name\n      }\n      operator {\n        username\n        displayName\n        role\n        id\n      }\n      recommendation {\n        title\n        id\n      }\n      details {\n        __typename\n        ... on PersonaAssignedDetails {\n          window\n          assignment {\n            id\n          }\n        }\n        ... on PersonaOverriddenDetails {\n          assignment {\n            id\n          }\n        }\n      }\n    }\n    id\n  }\n}\n"
  }
};
})();

(node as any).hash = "4c1f20daac973f98188e876346706c6f";

export default node;
