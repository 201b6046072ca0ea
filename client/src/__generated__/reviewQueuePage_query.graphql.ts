/**
 * @generated SignedSource<<4cfd8b702e2ded6b9e01b8dbc71a3255>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type RecommendationStatus = "APPROVED" | "FLAGGED" | "OVERRIDDEN" | "PASSED" | "PENDING_REVIEW" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type reviewQueuePage_query$data = {
  readonly reviewQueue: {
    readonly edges: ReadonlyArray<{
      readonly node: {
        readonly id: string;
        readonly status: RecommendationStatus;
        readonly " $fragmentSpreads": FragmentRefs<"reviewItem_recommendation">;
      };
    }>;
    readonly totalCount: number;
  };
  readonly " $fragmentType": "reviewQueuePage_query";
};
export type reviewQueuePage_query$key = {
  readonly " $data"?: reviewQueuePage_query$data;
  readonly " $fragmentSpreads": FragmentRefs<"reviewQueuePage_query">;
};

import reviewQueuePagePaginationQuery_graphql from './reviewQueuePagePaginationQuery.graphql';

const node: ReaderFragment = (function(){
var v0 = [
  "reviewQueue"
];
return {
  "argumentDefinitions": [
    {
      "defaultValue": null,
      "kind": "LocalArgument",
      "name": "count"
    },
    {
      "defaultValue": null,
      "kind": "LocalArgument",
      "name": "cursor"
    },
    {
      "defaultValue": null,
      "kind": "LocalArgument",
      "name": "filter"
    }
  ],
  "kind": "Fragment",
  "metadata": {
    "connection": [
      {
        "count": "count",
        "cursor": "cursor",
        "direction": "forward",
        "path": (v0/*:: as any*/)
      }
    ],
    "refetch": {
      "connection": {
        "forward": {
          "count": "count",
          "cursor": "cursor"
        },
        "backward": null,
        "path": (v0/*:: as any*/)
      },
      "fragmentPathInResult": [],
      "operation": reviewQueuePagePaginationQuery_graphql
    }
  },
  "name": "reviewQueuePage_query",
  "selections": [
    {
      "alias": "reviewQueue",
      "args": [
        {
          "kind": "Variable",
          "name": "filter",
          "variableName": "filter"
        }
      ],
      "concreteType": "ReviewQueueConnection",
      "kind": "LinkedField",
      "name": "__reviewQueuePage_reviewQueue_connection",
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
          "concreteType": "ReviewQueueEdge",
          "kind": "LinkedField",
          "name": "edges",
          "plural": true,
          "selections": [
            {
              "alias": null,
              "args": null,
              "concreteType": "Recommendation",
              "kind": "LinkedField",
              "name": "node",
              "plural": false,
              "selections": [
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "id",
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
                  "args": null,
                  "kind": "FragmentSpread",
                  "name": "reviewItem_recommendation"
                },
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
      "storageKey": null
    }
  ],
  "type": "Query",
  "abstractKey": null
};
})();

(node as any).hash = "8b2757c7106c69b082e45e9e47b24dbe";

export default node;
