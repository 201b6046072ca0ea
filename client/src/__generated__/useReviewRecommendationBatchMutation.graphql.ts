/**
 * @generated SignedSource<<f33cab555381d34bb5213d4697e88a85>>
 * @relayHash 7353d580a0b267318aa17843ff49e6f5
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID a0a991c3bb30f9c81c513e73f7ce0ce00c111f7cad5cac3d61df5f047183c858

import { ConcreteRequest } from 'relay-runtime';
export type BatchReviewAction = "APPROVE" | "%future added value";
export type RecommendationStatus = "APPROVED" | "FLAGGED" | "OVERRIDDEN" | "PASSED" | "PENDING_REVIEW" | "%future added value";
export type ReviewRecommendationsInput = {
  action: BatchReviewAction;
  ids: ReadonlyArray<string>;
  justification?: string | null | undefined;
};
export type useReviewRecommendationBatchMutation$variables = {
  input: ReviewRecommendationsInput;
};
export type useReviewRecommendationBatchMutation$data = {
  readonly reviewRecommendations: ReadonlyArray<{
    readonly id: string;
    readonly reviewedAt: any | null | undefined;
    readonly reviewedBy: {
      readonly displayName: string;
    } | null | undefined;
    readonly status: RecommendationStatus;
  }>;
};
export type useReviewRecommendationBatchMutation = {
  response: useReviewRecommendationBatchMutation$data;
  variables: useReviewRecommendationBatchMutation$variables;
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
  "name": "displayName",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "useReviewRecommendationBatchMutation",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "Recommendation",
        "kind": "LinkedField",
        "name": "reviewRecommendations",
        "plural": true,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "Operator",
            "kind": "LinkedField",
            "name": "reviewedBy",
            "plural": false,
            "selections": [
              (v5/*:: as any*/)
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
    "name": "useReviewRecommendationBatchMutation",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "Recommendation",
        "kind": "LinkedField",
        "name": "reviewRecommendations",
        "plural": true,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "Operator",
            "kind": "LinkedField",
            "name": "reviewedBy",
            "plural": false,
            "selections": [
              (v5/*:: as any*/),
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
    "cacheID": "7353d580a0b267318aa17843ff49e6f5",
    "id": "a0a991c3bb30f9c81c513e73f7ce0ce00c111f7cad5cac3d61df5f047183c858",
    "metadata": {},
    "name": "useReviewRecommendationBatchMutation",
    "operationKind": "mutation",
    "text": "mutation useReviewRecommendationBatchMutation(\n  $input: ReviewRecommendationsInput!\n) {\n  reviewRecommendations(input: $input) {\n    id\n    status\n    reviewedAt\n    reviewedBy {\n      displayName\n      id\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "d7c3ea684d315078fbfbbbca6abec01d";

export default node;
