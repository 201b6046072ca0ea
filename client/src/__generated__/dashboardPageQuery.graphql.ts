/**
 * @generated SignedSource<<e483857501b10de6d96b2bf14f7aec4b>>
 * @relayHash 03b3866f75a4c928599ae9f494972975
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID fe53c21d3cd2e99ed3f4ba9bec322de3a3fdd5e737bbd196d347ac4bf0e124c3

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type dashboardPageQuery$variables = {
  from?: any | null | undefined;
};
export type dashboardPageQuery$data = {
  readonly complianceMetrics: {
    readonly consent: {
      readonly averageDaysToConsent: number | null | undefined;
      readonly optInRatePct: number | null | undefined;
      readonly totalCustomers: number;
    };
    readonly eligibility: {
      readonly failureReasons: ReadonlyArray<{
        readonly count: number;
        readonly reason: string;
      }>;
      readonly passRatePct: number | null | undefined;
      readonly totalChecks: number;
    };
    readonly operatorActions: {
      readonly averageReviewTimeSeconds: number | null | undefined;
      readonly overrideRatePct: number | null | undefined;
      readonly totalActions: number;
    };
    readonly tone: {
      readonly criticalViolations: number;
      readonly passRatePct: number | null | undefined;
      readonly totalValidations: number;
    };
    readonly " $fragmentSpreads": FragmentRefs<"complianceCharts_metrics">;
  };
};
export type dashboardPageQuery = {
  response: dashboardPageQuery$data;
  variables: dashboardPageQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "from"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "from",
    "variableName": "from"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "totalCustomers",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "optInRatePct",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "averageDaysToConsent",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "passRatePct",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "count",
  "storageKey": null
},
v7 = {
  "alias": null,
  "args": null,
  "concreteType": "EligibilityMetrics",
  "kind": "LinkedField",
  "name": "eligibility",
  "plural": false,
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "totalChecks",
      "storageKey": null
    },
    (v5/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "concreteType": "EligibilityFailureReasonCount",
      "kind": "LinkedField",
      "name": "failureReasons",
      "plural": true,
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "reason",
          "storageKey": null
        },
        (v6/*:: as any*/)
      ],
      "storageKey": null
    }
  ],
  "storageKey": null
},
v8 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "totalValidations",
  "storageKey": null
},
v9 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "criticalViolations",
  "storageKey": null
},
v10 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "totalActions",
  "storageKey": null
},
v11 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "averageReviewTimeSeconds",
  "storageKey": null
},
v12 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "overrideRatePct",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "dashboardPageQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "ComplianceMetrics",
        "kind": "LinkedField",
        "name": "complianceMetrics",
        "plural": false,
        "selections": [
          {
            "alias": null,
            "args": null,
            "concreteType": "ConsentMetrics",
            "kind": "LinkedField",
            "name": "consent",
            "plural": false,
            "selections": [
              (v2/*:: as any*/),
              (v3/*:: as any*/),
              (v4/*:: as any*/)
            ],
            "storageKey": null
          },
          (v7/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "ToneMetrics",
            "kind": "LinkedField",
            "name": "tone",
            "plural": false,
            "selections": [
              (v8/*:: as any*/),
              (v5/*:: as any*/),
              (v9/*:: as any*/)
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": "OperatorActionMetrics",
            "kind": "LinkedField",
            "name": "operatorActions",
            "plural": false,
            "selections": [
              (v10/*:: as any*/),
              (v11/*:: as any*/),
              (v12/*:: as any*/)
            ],
            "storageKey": null
          },
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "complianceCharts_metrics"
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
    "name": "dashboardPageQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "ComplianceMetrics",
        "kind": "LinkedField",
        "name": "complianceMetrics",
        "plural": false,
        "selections": [
          {
            "alias": null,
            "args": null,
            "concreteType": "ConsentMetrics",
            "kind": "LinkedField",
            "name": "consent",
            "plural": false,
            "selections": [
              (v2/*:: as any*/),
              (v3/*:: as any*/),
              (v4/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "optedIn",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "optedOut",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "concreteType": "ConsentTrendMonth",
                "kind": "LinkedField",
                "name": "monthlyTrend",
                "plural": true,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "month",
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "optIns",
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "optOuts",
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v7/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "ToneMetrics",
            "kind": "LinkedField",
            "name": "tone",
            "plural": false,
            "selections": [
              (v8/*:: as any*/),
              (v5/*:: as any*/),
              (v9/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "ToneViolationCategorySeverityCount",
                "kind": "LinkedField",
                "name": "violationsByCategoryAndSeverity",
                "plural": true,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "category",
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "severity",
                    "storageKey": null
                  },
                  (v6/*:: as any*/)
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": "OperatorActionMetrics",
            "kind": "LinkedField",
            "name": "operatorActions",
            "plural": false,
            "selections": [
              (v10/*:: as any*/),
              (v11/*:: as any*/),
              (v12/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "OperatorActionCount",
                "kind": "LinkedField",
                "name": "byOperator",
                "plural": true,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "operatorId",
                    "storageKey": null
                  },
                  (v6/*:: as any*/),
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
                        "name": "displayName",
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
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "03b3866f75a4c928599ae9f494972975",
    "id": "fe53c21d3cd2e99ed3f4ba9bec322de3a3fdd5e737bbd196d347ac4bf0e124c3",
    "metadata": {},
    "name": "dashboardPageQuery",
    "operationKind": "query",
    "text": "query dashboardPageQuery(\n  $from: DateTime\n) {\n  complianceMetrics(from: $from) {\n    consent {\n      totalCustomers\n      optInRatePct\n      averageDaysToConsent\n    }\n    eligibility {\n      totalChecks\n      passRatePct\n      failureReasons {\n        reason\n        count\n      }\n    }\n    tone {\n      totalValidations\n      passRatePct\n      criticalViolations\n    }\n    operatorActions {\n      totalActions\n      averageReviewTimeSeconds\n      overrideRatePct\n    }\n    ...complianceCharts_metrics\n  }\n}\n\nfragment complianceCharts_metrics on ComplianceMetrics {\n  consent {\n    optedIn\n    optedOut\n    monthlyTrend {\n      month\n      optIns\n      optOuts\n    }\n  }\n  eligibility {\n    failureReasons {\n      reason\n      count\n    }\n  }\n  tone {\n    violationsByCategoryAndSeverity {\n      category\n      severity\n      count\n    }\n  }\n  operatorActions {\n    byOperator {\n      operatorId\n      count\n      operator {\n        displayName\n        username\n        id\n      }\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "68889ce91a76cf7db1c7bd8129ac77e6";

export default node;
