/**
 * @generated SignedSource<<444f593a71d72ef62fce64ea5cad3125>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type GuardrailStage = "CONSENT" | "DISCLAIMER" | "ELIGIBILITY" | "TONE" | "%future added value";
export type RecommendationKind = "EDUCATION" | "PARTNER_OFFER" | "%future added value";
export type RecommendationStatus = "APPROVED" | "FLAGGED" | "OVERRIDDEN" | "PASSED" | "PENDING_REVIEW" | "%future added value";
export type TimeWindow = "D180" | "D30" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type reviewItem_recommendation$data = {
  readonly assignment: {
    readonly persona: {
      readonly name: string;
    } | null | undefined;
  } | null | undefined;
  readonly body: string;
  readonly citedFacts: ReadonlyArray<{
    readonly name: string;
    readonly value: any;
  }> | null | undefined;
  readonly createdAt: any;
  readonly guardrailResults: ReadonlyArray<{
    readonly pass: boolean;
    readonly reason: string | null | undefined;
    readonly stage: GuardrailStage;
  }>;
  readonly id: string;
  readonly kind: RecommendationKind;
  readonly personaId: string;
  readonly rationale: string;
  readonly reviewJustification: string | null | undefined;
  readonly reviewedAt: any | null | undefined;
  readonly reviewedBy: {
    readonly displayName: string;
  } | null | undefined;
  readonly status: RecommendationStatus;
  readonly stoppedAt: GuardrailStage | null | undefined;
  readonly title: string;
  readonly user: {
    readonly customerId: string;
    readonly id: string;
    readonly name: string;
  };
  readonly window: TimeWindow;
  readonly " $fragmentType": "reviewItem_recommendation";
};
export type reviewItem_recommendation$key = {
  readonly " $data"?: reviewItem_recommendation$data;
  readonly " $fragmentSpreads": FragmentRefs<"reviewItem_recommendation">;
};

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
};
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "reviewItem_recommendation",
  "selections": [
    (v0/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "title",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "body",
      "storageKey": null
    },
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
      "name": "rationale",
      "storageKey": null
    },
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
      "name": "window",
      "storageKey": null
    },
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
      "name": "stoppedAt",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "createdAt",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "reviewedAt",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "reviewJustification",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "Operator",
      "kind": "LinkedField",
      "name": "reviewedBy",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "displayName",
          "storageKey": null
        }
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "RationaleFact",
      "kind": "LinkedField",
      "name": "citedFacts",
      "plural": true,
      "selections": [
        (v1/*:: as any*/),
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "value",
          "storageKey": null
        }
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "GuardrailResult",
      "kind": "LinkedField",
      "name": "guardrailResults",
      "plural": true,
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "stage",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "pass",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "reason",
          "storageKey": null
        }
      ],
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
        (v0/*:: as any*/),
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "customerId",
          "storageKey": null
        },
        (v1/*:: as any*/)
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "PersonaAssignment",
      "kind": "LinkedField",
      "name": "assignment",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "concreteType": "Persona",
          "kind": "LinkedField",
          "name": "persona",
          "plural": false,
          "selections": [
            (v1/*:: as any*/)
          ],
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "Recommendation",
  "abstractKey": null
};
})();

(node as any).hash = "0c4968ee46a8d21ba46e4e2f52e46a83";

export default node;
