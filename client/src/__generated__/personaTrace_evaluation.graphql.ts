/**
 * @generated SignedSource<<91afb382b25c09318c35cca612c3d3d4>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type CriterionNodeKind = "ALL" | "ANY" | "CONDITION" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type personaTrace_evaluation$data = {
  readonly criteriaTree: ReadonlyArray<{
    readonly condition: {
      readonly actual: any | null | undefined;
      readonly held: boolean;
      readonly missingReason: string | null | undefined;
      readonly operator: string;
      readonly signal: string;
      readonly signalDescription: string;
      readonly threshold: any;
      readonly unit: string;
    } | null | undefined;
    readonly held: boolean;
    readonly kind: CriterionNodeKind;
    readonly parentPath: string | null | undefined;
    readonly path: string;
  }>;
  readonly matched: boolean;
  readonly personaId: string;
  readonly " $fragmentType": "personaTrace_evaluation";
};
export type personaTrace_evaluation$key = {
  readonly " $data"?: personaTrace_evaluation$data;
  readonly " $fragmentSpreads": FragmentRefs<"personaTrace_evaluation">;
};

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "held",
  "storageKey": null
};
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "personaTrace_evaluation",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "personaId",
      "storageKey": null
    },
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
        (v0/*:: as any*/),
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
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "unit",
              "storageKey": null
            },
            (v0/*:: as any*/),
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "missingReason",
              "storageKey": null
            }
          ],
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "PersonaEvaluation",
  "abstractKey": null
};
})();

(node as any).hash = "22f3537a6a9b6c9f05d939a4275b3c71";

export default node;
