/**
 * @generated SignedSource<<84768efb4b094544d36825a6b3e33af7>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type complianceCharts_metrics$data = {
  readonly consent: {
    readonly monthlyTrend: ReadonlyArray<{
      readonly month: string;
      readonly optIns: number;
      readonly optOuts: number;
    }>;
    readonly optedIn: number;
    readonly optedOut: number;
  };
  readonly eligibility: {
    readonly failureReasons: ReadonlyArray<{
      readonly count: number;
      readonly reason: string;
    }>;
  };
  readonly operatorActions: {
    readonly byOperator: ReadonlyArray<{
      readonly count: number;
      readonly operator: {
        readonly displayName: string;
        readonly username: string;
      } | null | undefined;
      readonly operatorId: string;
    }>;
  };
  readonly tone: {
    readonly violationsByCategoryAndSeverity: ReadonlyArray<{
      readonly category: string;
      readonly count: number;
      readonly severity: string;
    }>;
  };
  readonly " $fragmentType": "complianceCharts_metrics";
};
export type complianceCharts_metrics$key = {
  readonly " $data"?: complianceCharts_metrics$data;
  readonly " $fragmentSpreads": FragmentRefs<"complianceCharts_metrics">;
};

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "count",
  "storageKey": null
};
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "complianceCharts_metrics",
  "selections": [
    {
      "alias": null,
      "args": null,
      "concreteType": "ConsentMetrics",
      "kind": "LinkedField",
      "name": "consent",
      "plural": false,
      "selections": [
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
    {
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
            (v0/*:: as any*/)
          ],
          "storageKey": null
        }
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "ToneMetrics",
      "kind": "LinkedField",
      "name": "tone",
      "plural": false,
      "selections": [
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
            (v0/*:: as any*/)
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
            (v0/*:: as any*/),
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
  "type": "ComplianceMetrics",
  "abstractKey": null
};
})();

(node as any).hash = "0d5b6faecceddcb147c4fef1ed313f2b";

export default node;
