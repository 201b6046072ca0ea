/**
 * @generated SignedSource<<3f53a49c4e4fdb35e1b9d7025f8fa07f>>
 * @relayHash 006c1df14396dafc79d08833a27349f8
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID e83155ee3f04e9c539a6f58c9a88e40fb0313bf6b23b479bc591d2f454efe182

import { ConcreteRequest } from 'relay-runtime';
export type RecommendationStatus = "APPROVED" | "FLAGGED" | "OVERRIDDEN" | "PASSED" | "PENDING_REVIEW" | "%future added value";
export type ReviewAction = "APPROVE" | "FLAG" | "OVERRIDE" | "%future added value";
export type ReviewRecommendationInput = {
  action: ReviewAction;
  id: string;
  justification?: string | null | undefined;
};
export type useReviewRecommendationMutation$variables = {
  input: ReviewRecommendationInput;
};
export type useReviewRecommendationMutation$data = {
  readonly reviewRecommendation: {
    readonly id: string;
    readonly reviewJustification: string | null | undefined;
    readonly reviewedAt: any | null | undefined;
    readonly reviewedBy: {
      readonly displayName: string;
    } | null | undefined;
    readonly status: RecommendationStatus;
  };
};
export type useReviewRecommendationMutation = {
  response: useReviewRecommendationMutation$data;
  variables: useReviewRecommendationMutation$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "input"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "input",
    "variableName": "input"
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
  "name": "status",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "reviewedAt",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "reviewJustification",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "displayName",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "useReviewRecommendationMutation",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "Recommendation",
        "kind": "LinkedField",
        "name": "reviewRecommendation",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "Operator",
            "kind": "LinkedField",
            "name": "reviewedBy",
            "plural": false,
            "selections": [
              (v6/*:: as any*/)
            ],
            "storageKey": null
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
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "useReviewRecommendationMutation",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "Recommendation",
        "kind": "LinkedField",
        "name": "reviewRecommendation",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "Operator",
            "kind": "LinkedField",
            "name": "reviewedBy",
            "plural": false,
            "selections": [
              (v6/*:: as any*/),
              (v2/*:: as any*/)
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "006c1df14396dafc79d08833a27349f8",
    "id": "e83155ee3f04e9c539a6f58c9a88e40fb0313bf6b23b479bc591d2f454efe182",
    "metadata": {},
    "name": "useReviewRecommendationMutation",
    "operationKind": "mutation",
    "text": "mutation useReviewRecommendationMutation(\n  $input: ReviewRecommendationInput!\n) {\n  reviewRecommendation(input: $input) {\n    id\n    status\n    reviewedAt\n    reviewJustification\n    reviewedBy {\n      displayName\n      id\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "7fae5e9e4dee571e4becb69275b4546a";

export default node;
