/**
 * @generated SignedSource<<8d78ca88ac751c7d36ed1aa6dcb37328>>
 * @relayHash bf9828a87a6bf77ced6581d658d0ed7d
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID 1401ceb4b385baf18a24fb7f53fd177eb50af10ab2925118ae7b336d8c86ff74

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type customersPageQuery$variables = {
  count: number;
  search?: string | null | undefined;
};
export type customersPageQuery$data = {
  readonly " $fragmentSpreads": FragmentRefs<"customersPage_query">;
};
export type customersPageQuery = {
  response: customersPageQuery$data;
  variables: customersPageQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "count"
},
v1 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "search"
},
v2 = {
  "kind": "Variable",
  "name": "search",
  "variableName": "search"
},
v3 = [
  {
    "kind": "Variable",
    "name": "first",
    "variableName": "count"
  },
  (v2/*:: as any*/)
],
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v6 = [
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
      (v5/*:: as any*/),
      (v4/*:: as any*/)
    ],
    "storageKey": null
  },
  (v4/*:: as any*/)
];
return {
  "fragment": {
    "argumentDefinitions": [
      (v0/*:: as any*/),
      (v1/*:: as any*/)
    ],
    "kind": "Fragment",
    "metadata": null,
    "name": "customersPageQuery",
    "selections": [
      {
        "args": [
          {
            "kind": "Variable",
            "name": "count",
            "variableName": "count"
          },
          (v2/*:: as any*/)
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
    "argumentDefinitions": [
      (v1/*:: as any*/),
      (v0/*:: as any*/)
    ],
    "kind": "Operation",
    "name": "customersPageQuery",
    "selections": [
      {
        "alias": null,
        "args": (v3/*:: as any*/),
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
                  (v4/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "customerId",
                    "storageKey": null
                  },
                  (v5/*:: as any*/),
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
                    "selections": (v6/*:: as any*/),
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
                    "selections": (v6/*:: as any*/),
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
        "args": (v3/*:: as any*/),
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
    "cacheID": "bf9828a87a6bf77ced6581d658d0ed7d",
    "id": "1401ceb4b385baf18a24fb7f53fd177eb50af10ab2925118ae7b336d8c86ff74",
    "metadata": {},
    "name": "customersPageQuery",
    "operationKind": "query",
    "text": "query customersPageQuery(\n  $search: String\n  $count: Int!\n) {\n  ...customersPage_query_3DeKgW\n}\n\nfragment customersPage_query_3DeKgW on Query {\n  users(search: $search, first: $count) {\n    totalCount\n    edges {\n      node {\n        id\n        customerId\n        name\n        d30: currentPersona(window: D30) {\n          personaId\n          persona {\n            name\n            id\n          }\n          id\n        }\n        d180: currentPersona(window: D180) {\n          personaId\n          persona {\n            name\n            id\n          }\n          id\n        }\n        __typename\n      }\n      cursor\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "8564bc2046864346f88e3b12e0bbb063";

export default node;
