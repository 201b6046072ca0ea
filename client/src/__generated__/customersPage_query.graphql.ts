/**
 * @generated SignedSource<<59256bf4e15d6e84427442d28cd7315f>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type customersPage_query$data = {
  readonly users: {
    readonly edges: ReadonlyArray<{
      readonly node: {
        readonly customerId: string;
        readonly d180: {
          readonly persona: {
            readonly name: string;
          } | null | undefined;
          readonly personaId: string;
        } | null | undefined;
        readonly d30: {
          readonly persona: {
            readonly name: string;
          } | null | undefined;
          readonly personaId: string;
        } | null | undefined;
        readonly id: string;
        readonly name: string;
      };
    }>;
    readonly totalCount: number;
  };
  readonly " $fragmentType": "customersPage_query";
};
export type customersPage_query$key = {
  readonly " $data"?: customersPage_query$data;
  readonly " $fragmentSpreads": FragmentRefs<"customersPage_query">;
};

import customersPagePaginationQuery_graphql from './customersPagePaginationQuery.graphql';

const node: ReaderFragment = (function(){
var v0 = [
  "users"
],
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v2 = [
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
    "concreteType": "Persona",
    "kind": "LinkedField",
    "name": "persona",
    "plural": false,
    "selections": [
      (v1/*:: as any*/)
    ],
    "storageKey": null
  }
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
      "name": "search"
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
      "operation": customersPagePaginationQuery_graphql
    }
  },
  "name": "customersPage_query",
  "selections": [
    {
      "alias": "users",
      "args": [
        {
          "kind": "Variable",
          "name": "search",
          "variableName": "search"
        }
      ],
      "concreteType": "UserConnection",
      "kind": "LinkedField",
      "name": "__customersPage_users_connection",
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
          "concreteType": "UserEdge",
          "kind": "LinkedField",
          "name": "edges",
          "plural": true,
          "selections": [
            {
              "alias": null,
              "args": null,
              "concreteType": "User",
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
                  "name": "customerId",
                  "storageKey": null
                },
                (v1/*:: as any*/),
                {
                  "alias": "d30",
                  "args": [
                    {
                      "kind": "Literal",
                      "name": "window",
                      "value": "D30"
                    }
                  ],
                  "concreteType": "PersonaAssignment",
                  "kind": "LinkedField",
                  "name": "currentPersona",
                  "plural": false,
                  "selections": (v2/*:: as any*/),
                  "storageKey": "currentPersona(window:\"D30\")"
                },
                {
                  "alias": "d180",
                  "args": [
                    {
                      "kind": "Literal",
                      "name": "window",
                      "value": "D180"
                    }
                  ],
                  "concreteType": "PersonaAssignment",
                  "kind": "LinkedField",
                  "name": "currentPersona",
                  "plural": false,
                  "selections": (v2/*:: as any*/),
                  "storageKey": "currentPersona(window:\"D180\")"
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

(node as any).hash = "89880df4e5aa7a0092fb4e5fbb8e5aa8";

export default node;
