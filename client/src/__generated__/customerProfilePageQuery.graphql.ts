/**
 * @generated SignedSource<<f5f489b75370d1458f145e2c01d87815>>
 * @relayHash 781f62a99b0ebb547fada842e65a96d1
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID ae2bcf1f9589786a434c556a55ec97b5b47932b824750bdb9d04a50f9749a1f9

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type OperatorRole = "ADMIN" | "COMPLIANCE" | "REVIEWER" | "VIEWER" | "%future added value";
export type customerProfilePageQuery$variables = {
  id: string;
};
export type customerProfilePageQuery$data = {
  readonly personas: ReadonlyArray<{
    readonly name: string;
    readonly personaId: string;
    readonly priority: number;
  }>;
  readonly user: {
    readonly customerId: string;
    readonly d180: {
      readonly " $fragmentSpreads": FragmentRefs<"personaWindow_assignment">;
    } | null | undefined;
    readonly d30: {
      readonly " $fragmentSpreads": FragmentRefs<"personaWindow_assignment">;
    } | null | undefined;
    readonly email: string;
    readonly id: string;
    readonly name: string;
    readonly " $fragmentSpreads": FragmentRefs<"personaHistory_user">;
  } | null | undefined;
  readonly viewer: {
    readonly role: OperatorRole;
  } | null | undefined;
};
export type customerProfilePageQuery = {
  response: customerProfilePageQuery$data;
  variables: customerProfilePageQuery$variables;
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
  "name": "id",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "customerId",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "email",
  "storageKey": null
},
v6 = [
  {
    "kind": "Literal",
    "name": "window",
    "value": "D30"
  }
],
v7 = [
  {
    "args": null,
    "kind": "FragmentSpread",
    "name": "personaWindow_assignment"
  }
],
v8 = [
  {
    "kind": "Literal",
    "name": "window",
    "value": "D180"
  }
],
v9 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "personaId",
  "storageKey": null
},
v10 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "priority",
  "storageKey": null
},
v11 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "role",
  "storageKey": null
},
v12 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "source",
  "storageKey": null
},
v13 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "confidence",
  "storageKey": null
},
v14 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "assignedAt",
  "storageKey": null
},
v15 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "referenceDate",
  "storageKey": null
},
v16 = {
  "alias": null,
  "args": null,
  "concreteType": "Operator",
  "kind": "LinkedField",
  "name": "assignedBy",
  "plural": false,
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "displayName",
      "storageKey": null
    },
    (v2/*:: as any*/)
  ],
  "storageKey": null
},
v17 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "description",
  "storageKey": null
},
v18 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "educationalFocus",
  "storageKey": null
},
v19 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "held",
  "storageKey": null
},
v20 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "unit",
  "storageKey": null
},
v21 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "missingReason",
  "storageKey": null
},
v22 = [
  (v2/*:: as any*/),
  (v9/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "status",
    "storageKey": null
  },
  (v12/*:: as any*/),
  (v10/*:: as any*/),
  (v13/*:: as any*/),
  (v14/*:: as any*/),
  (v15/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "prioritizationReason",
    "storageKey": null
  },
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "qualifyingPersonas",
    "storageKey": null
  },
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "registryVersion",
    "storageKey": null
  },
  (v16/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "concreteType": "Persona",
    "kind": "LinkedField",
    "name": "persona",
    "plural": false,
    "selections": [
      (v4/*:: as any*/),
      (v17/*:: as any*/),
      (v18/*:: as any*/),
      (v2/*:: as any*/)
    ],
    "storageKey": null
  },
  {
    "alias": null,
    "args": null,
    "concreteType": "PersonaEvaluation",
    "kind": "LinkedField",
    "name": "evaluations",
    "plural": true,
    "selections": [
      (v9/*:: as any*/),
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "matched",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "Persona",
        "kind": "LinkedField",
        "name": "persona",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          (v10/*:: as any*/),
          (v17/*:: as any*/),
          (v18/*:: as any*/),
          (v2/*:: as any*/)
        ],
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "CriterionResultNode",
        "kind": "LinkedField",
        "name": "criteriaTree",
        "plural": true,
        "selections": [
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "path",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "parentPath",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "kind",
            "storageKey": null
          },
          (v19/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "ConditionResult",
            "kind": "LinkedField",
            "name": "condition",
            "plural": false,
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "signal",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "signalDescription",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "operator",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "threshold",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "actual",
                "storageKey": null
              },
              (v20/*:: as any*/),
              (v19/*:: as any*/),
              (v21/*:: as any*/)
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ],
    "storageKey": null
  },
  {
    "alias": null,
    "args": null,
    "concreteType": "SignalSnapshot",
    "kind": "LinkedField",
    "name": "signalSnapshot",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "windowStart",
        "storageKey": null
      },
      (v15/*:: as any*/),
      {
        "alias": null,
        "args": null,
        "concreteType": "SignalReading",
        "kind": "LinkedField",
        "name": "readings",
        "plural": true,
        "selections": [
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "key",
            "storageKey": null
          },
          (v17/*:: as any*/),
          (v20/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "value",
            "storageKey": null
          },
          (v21/*:: as any*/)
        ],
        "storageKey": null
      }
    ],
    "storageKey": null
  }
],
v23 = [
  {
    "kind": "Literal",
    "name": "first",
    "value": 10
  }
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "customerProfilePageQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "User",
        "kind": "LinkedField",
        "name": "user",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          {
            "alias": "d30",
            "args": (v6/*:: as any*/),
            "concreteType": "PersonaAssignment",
            "kind": "LinkedField",
            "name": "currentPersona",
            "plural": false,
            "selections": (v7/*:: as any*/),
            "storageKey": "currentPersona(window:\"D30\")"
          },
          {
            "alias": "d180",
            "args": (v8/*:: as any*/),
            "concreteType": "PersonaAssignment",
            "kind": "LinkedField",
            "name": "currentPersona",
            "plural": false,
            "selections": (v7/*:: as any*/),
            "storageKey": "currentPersona(window:\"D180\")"
          },
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "personaHistory_user"
          }
        ],
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "Persona",
        "kind": "LinkedField",
        "name": "personas",
        "plural": true,
        "selections": [
          (v9/*:: as any*/),
          (v4/*:: as any*/),
          (v10/*:: as any*/)
        ],
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "Operator",
        "kind": "LinkedField",
        "name": "viewer",
        "plural": false,
        "selections": [
          (v11/*:: as any*/)
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
    "name": "customerProfilePageQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "User",
        "kind": "LinkedField",
        "name": "user",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          {
            "alias": "d30",
            "args": (v6/*:: as any*/),
            "concreteType": "PersonaAssignment",
            "kind": "LinkedField",
            "name": "currentPersona",
            "plural": false,
            "selections": (v22/*:: as any*/),
            "storageKey": "currentPersona(window:\"D30\")"
          },
          {
            "alias": "d180",
            "args": (v8/*:: as any*/),
            "concreteType": "PersonaAssignment",
            "kind": "LinkedField",
            "name": "currentPersona",
            "plural": false,
            "selections": (v22/*:: as any*/),
            "storageKey": "currentPersona(window:\"D180\")"
          },
          {
            "alias": null,
            "args": (v23/*:: as any*/),
            "concreteType": "PersonaAssignmentConnection",
            "kind": "LinkedField",
            "name": "personaHistory",
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
                "concreteType": "PersonaAssignmentEdge",
                "kind": "LinkedField",
                "name": "edges",
                "plural": true,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "PersonaAssignment",
                    "kind": "LinkedField",
                    "name": "node",
                    "plural": false,
                    "selections": [
                      (v2/*:: as any*/),
                      (v14/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "window",
                        "storageKey": null
                      },
                      (v9/*:: as any*/),
                      (v13/*:: as any*/),
                      (v12/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "concreteType": "Persona",
                        "kind": "LinkedField",
                        "name": "persona",
                        "plural": false,
                        "selections": [
                          (v4/*:: as any*/),
                          (v2/*:: as any*/)
                        ],
                        "storageKey": null
                      },
                      (v16/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "__typename",
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "cursor",
                    "storageKey": null
                  }
                ],
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "concreteType": "PageInfo",
                "kind": "LinkedField",
                "name": "pageInfo",
                "plural": false,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "endCursor",
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "hasNextPage",
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ],
            "storageKey": "personaHistory(first:10)"
          },
          {
            "alias": null,
            "args": (v23/*:: as any*/),
            "filters": null,
            "handle": "connection",
            "key": "personaHistory_personaHistory",
            "kind": "LinkedHandle",
            "name": "personaHistory"
          }
        ],
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "Persona",
        "kind": "LinkedField",
        "name": "personas",
        "plural": true,
        "selections": [
          (v9/*:: as any*/),
          (v4/*:: as any*/),
          (v10/*:: as any*/),
          (v2/*:: as any*/)
        ],
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "Operator",
        "kind": "LinkedField",
        "name": "viewer",
        "plural": false,
        "selections": [
          (v11/*:: as any*/),
          (v2/*:: as any*/)
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "781f62a99b0ebb547fada842e65a96d1",
    "id": "ae2bcf1f9589786a434c556a55ec97b5b47932b824750bdb9d04a50f9749a1f9",
    "metadata": {},
    "name": "customerProfilePageQuery",
    "operationKind": "query",
    "text": "query customerProfilePageQuery(\n  $id: ID!\n) {\n  user(id: $id) {\n    id\n    customerId\n    name\n    email\n    d30: currentPersona(window: D30) {\n      ...personaWindow_assignment\n      id\n    }\n    d180: currentPersona(window: D180) {\n      ...personaWindow_assignment\n      id\n    }\n    ...personaHistory_user\n  }\n  personas {\n    personaId\n    name\n    priority\n    id\n  }\n  viewer {\n    role\n    id\n  }\n}\n\nfragment personaHistory_row on PersonaAssignment {\n  assignedAt\n  window\n  personaId\n  confidence\n  source\n  persona {\n    name\n    id\n  }\n  assignedBy {\n    displayName\n    id\n  }\n}\n\nfragment personaHistory_user on User {\n  personaHistory(first: 10) {\n    totalCount\n    edges {\n      node {\n        id\n        ...personaHistory_row\n        __typename\n      }\n      cursor\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment personaTrace_evaluation on PersonaEvaluation {\n  personaId\n  matched\n  criteriaTree {\n    path\n    parentPath\n    kind\n    held\n    condition {\n      signal\n      signalDescription\n      operator\n      threshold\n      actual\n      unit\n      held\n      missingReason\n    }\n  }\n}\n\nfragment personaWindow_assignment on PersonaAssignment {\n  id\n  personaId\n  status\n  source\n  priority\n  confidence\n  assignedAt\n  referenceDate\n  prioritizationReason\n  qualifyingPersonas\n  registryVersion\n  assignedBy {\n    displayName\n    id\n  }\n  persona {\n    name\n    description\n    educationalFocus\n    id\n  }\n  evaluations {\n    personaId\n    matched\n    persona {\n      name\n      priority\n      description\n      educationalFocus\n      id\n    }\n    ...personaTrace_evaluation\n  }\n  signalSnapshot {\n    ...signalTable_snapshot\n  }\n}\n\nfragment signalTable_snapshot on SignalSnapshot {\n  windowStart\n  referenceDate\n  readings {\n    key\n    description\n    unit\n    value\n    missingReason\n  }\n}\n"
  }
};
})();

(node as any).hash = "0df720965c375dfc10f708e5d1b6abff";

export default node;
