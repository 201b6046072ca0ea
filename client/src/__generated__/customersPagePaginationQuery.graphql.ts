/**
 * @generated SignedSource<<93dd643310c3b3e215f19912ab0b03f9>>
 * @relayHash 27b33c78572f63f46a8f0f44ec4d575f
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 53abcd5f3cee5f9ff4406dc78e2e0cf991c6d309d210e7e4ec248f369fc582a1

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type customersPagePaginationQuery$variables = {
  count: number;
  cursor?: string | null | undefined;
  search?: string | null | undefined;
};
export type customersPagePaginationQuery$data = {
  readonly " $fragmentSpreads": FragmentRefs<"customersPage_query">;
};
export type customersPagePaginationQuery = {
  response: customersPagePaginationQuery$data;
  variables: customersPagePaginationQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
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
v1 = {
  "kind": "Variable",
  "name": "search",
  "variableName": "search"
},
v2 = [
  {
    "kind": "Variable",
    "name": "after",
    "variableName": "cursor"
  },
  {
    "kind": "Variable",
    "name": "first",
    "variableName": "count"
  },
  (v1/*:: as any*/)
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
  "name": "name",
  "storageKey": null
},
v5 = [
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
      (v4/*:: as any*/),
      (v3/*:: as any*/)
    ],
    "storageKey": null
  },
  (v3/*:: as any*/)
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "customersPagePaginationQuery",
    "selections": [
      {
        "args": [
          {
            "kind": "Variable",
            "name": "count",
            "variableName": "count"
          },
          {
            "kind": "Variable",
            "name": "cursor",
            "variableName": "cursor"
          },
          (v1/*:: as any*/)
        ],
        "kind": "FragmentSpread",
        "name": "customersPage_query"
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "customersPagePaginationQuery",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": "UserConnection",
        "kind": "LinkedField",
        "name": "users",
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
                  (v3/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "customerId",
                    "storageKey": null
                  },
                  (v4/*:: as any*/),
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
                    "selections": (v5/*:: as any*/),
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
                    "selections": (v5/*:: as any*/),
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
      },
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "filters": [
          "search"
        ],
        "handle": "connection",
        "key": "customersPage_users",
        "kind": "LinkedHandle",
        "name": "users"
      }
    ]
  },
  "params": {
    "cacheID": "27b33c78572f63f46a8f0f44ec4d575f",
    "id": "53abcd5f3cee5f9ff4406dc78e2e0cf991c6d309d210e7e4ec248f369fc582a1",
    "metadata": {},
    "name": "customersPagePaginationQuery",
    "operationKind": "query",
    "text": "query customersPagePaginationQuery(\n  $count: Int!\n  $cursor: String\n  $search: String\n) {\n  ...customersPage_query_3PfUTl\n}\n\nfragment customersPage_query_3PfUTl on Query {\n  users(search: $search, first: $count, after: $cursor) {\n    totalCount\n    edges {\n      node {\n        id\n        customerId\n        name\n        d30: currentPersona(window: D30) {\n          personaId\n          persona {\n            name\n            id\n          }\n          id\n        }\n        d180: currentPersona(window: D180) {\n          personaId\n          persona {\n            name\n            id\n          }\n          id\n        }\n        __typename\n      }\n      cursor\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "89880df4e5aa7a0092fb4e5fbb8e5aa8";

export default node;
