/**
 * @generated SignedSource<<b9526cf36a1e76453adb5c4e14dab003>>
 * @relayHash e75e4b62222344213ac4219e65ffd9ee
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 8366aaad827083f309dbb838cd736a69215c358f615de382782307e0b1ff3573

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type TimeWindow = "D180" | "D30" | "%future added value";
export type OverridePersonaInput = {
  justification: string;
  personaId: string;
  userId: string;
  window: TimeWindow;
};
export type useOverridePersonaMutation$variables = {
  connections: ReadonlyArray<string>;
  input: OverridePersonaInput;
};
export type useOverridePersonaMutation$data = {
  readonly overridePersona: {
    readonly id: string;
    readonly window: TimeWindow;
    readonly " $fragmentSpreads": FragmentRefs<"personaHistory_row" | "personaWindow_assignment">;
  };
};
export type useOverridePersonaMutation = {
  response: useOverridePersonaMutation$data;
  variables: useOverridePersonaMutation$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "connections"
},
v1 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "input"
},
v2 = [
  {
    "kind": "Variable",
    "name": "input",
    "variableName": "input"
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
  "name": "window",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "personaId",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "priority",
  "storageKey": null
},
v7 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "referenceDate",
  "storageKey": null
},
v8 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v9 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "description",
  "storageKey": null
},
v10 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "educationalFocus",
  "storageKey": null
},
v11 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "held",
  "storageKey": null
},
v12 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "unit",
  "storageKey": null
},
v13 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "missingReason",
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
    "name": "useOverridePersonaMutation",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": "PersonaAssignment",
        "kind": "LinkedField",
        "name": "overridePersona",
        "plural": false,
        "selections": [
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "personaWindow_assignment"
          },
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "personaHistory_row"
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Mutation",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [
      (v1/*:: as any*/),
      (v0/*:: as any*/)
    ],
    "kind": "Operation",
    "name": "useOverridePersonaMutation",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": "PersonaAssignment",
        "kind": "LinkedField",
        "name": "overridePersona",
        "plural": false,
        "selections": [
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "status",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "source",
            "storageKey": null
          },
          (v6/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "confidence",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "assignedAt",
            "storageKey": null
          },
          (v7/*:: as any*/),
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
          {
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
              (v3/*:: as any*/)
            ],
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
              (v8/*:: as any*/),
              (v9/*:: as any*/),
              (v10/*:: as any*/),
              (v3/*:: as any*/)
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
              (v5/*:: as any*/),
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
                  (v8/*:: as any*/),
                  (v6/*:: as any*/),
                  (v9/*:: as any*/),
                  (v10/*:: as any*/),
                  (v3/*:: as any*/)
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
                  (v11/*:: as any*/),
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
                      (v12/*:: as any*/),
                      (v11/*:: as any*/),
                      (v13/*:: as any*/)
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
              (v7/*:: as any*/),
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
                  (v9/*:: as any*/),
                  (v12/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "value",
                    "storageKey": null
                  },
                  (v13/*:: as any*/)
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
        "args": (v2/*:: as any*/),
        "filters": null,
        "handle": "prependNode",
        "key": "",
        "kind": "LinkedHandle",
        "name": "overridePersona",
        "handleArgs": [
          {
            "kind": "Variable",
            "name": "connections",
            "variableName": "connections"
          },
          {
            "kind": "Literal",
            "name": "edgeTypeName",
            "value": "PersonaAssignmentEdge"
          }
        ]
      }
    ]
  },
  "params": {
    "cacheID": "e75e4b62222344213ac4219e65ffd9ee",
    "id": "8366aaad827083f309dbb838cd736a69215c358f615de382782307e0b1ff3573",
    "metadata": {},
    "name": "useOverridePersonaMutation",
    "operationKind": "mutation",
    "text": "mutation useOverridePersonaMutation(\n  $input: OverridePersonaInput!\n) {\n  overridePersona(input: $input) {\n    id\n    window\n    ...personaWindow_assignment\n    ...personaHistory_row\n  }\n}\n\nfragment personaHistory_row on PersonaAssignment {\n  assignedAt\n  window\n  personaId\n  confidence\n  source\n  persona {\n    name\n    id\n  }\n  assignedBy {\n    displayName\n    id\n  }\n}\n\nfragment personaTrace_evaluation on PersonaEvaluation {\n  personaId\n  matched\n  criteriaTree {\n    path\n    parentPath\n    kind\n    held\n    condition {\n      signal\n      signalDescription\n      operator\n      threshold\n      actual\n      unit\n      held\n      missingReason\n    }\n  }\n}\n\nfragment personaWindow_assignment on PersonaAssignment {\n  id\n  personaId\n  status\n  source\n  priority\n  confidence\n  assignedAt\n  referenceDate\n  prioritizationReason\n  qualifyingPersonas\n  registryVersion\n  assignedBy {\n    displayName\n    id\n  }\n  persona {\n    name\n    description\n    educationalFocus\n    id\n  }\n  evaluations {\n    personaId\n    matched\n    persona {\n      name\n      priority\n      description\n      educationalFocus\n      id\n    }\n    ...personaTrace_evaluation\n  }\n  signalSnapshot {\n    ...signalTable_snapshot\n  }\n}\n\nfragment signalTable_snapshot on SignalSnapshot {\n  windowStart\n  referenceDate\n  readings {\n    key\n    description\n    unit\n    value\n    missingReason\n  }\n}\n"
  }
};
})();

(node as any).hash = "48a01028e41b94249a6bbf950e80bf00";

export default node;
