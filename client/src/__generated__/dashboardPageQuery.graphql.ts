/**
 * @generated SignedSource<<0a7e341b455487af7c44f26f76caf48f>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type dashboardPageQuery$variables = Record<PropertyKey, never>;
export type dashboardPageQuery$data = {
  readonly complianceMetrics: {
    readonly consent: {
      readonly optInRatePct: number | null | undefined;
      readonly totalCustomers: number;
    };
  };
};
export type dashboardPageQuery = {
  response: dashboardPageQuery$data;
  variables: dashboardPageQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
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
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "totalCustomers",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "optInRatePct",
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ],
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "dashboardPageQuery",
    "selections": (v0/*:: as any*/),
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "dashboardPageQuery",
    "selections": (v0/*:: as any*/)
  },
  "params": {
    "cacheID": "11f439c79c8e88ae62b4d40fa1317d22",
    "id": null,
    "metadata": {},
    "name": "dashboardPageQuery",
    "operationKind": "query",
    "text": "query dashboardPageQuery {\n  complianceMetrics {\n    consent {\n      totalCustomers\n      optInRatePct\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "a015859be4dc8d8e46febe9c3fd3ec27";

export default node;
