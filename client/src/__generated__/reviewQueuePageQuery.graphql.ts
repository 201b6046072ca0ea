/**
 * @generated SignedSource<<586f9f3b902ad11e15f2a0ae59c87b03>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type reviewQueuePageQuery$variables = Record<PropertyKey, never>;
export type reviewQueuePageQuery$data = {
  readonly reviewQueue: {
    readonly totalCount: number;
  };
};
export type reviewQueuePageQuery = {
  response: reviewQueuePageQuery$data;
  variables: reviewQueuePageQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": [
      {
        "kind": "Literal",
        "name": "first",
        "value": 1
      }
    ],
    "concreteType": "ReviewQueueConnection",
    "kind": "LinkedField",
    "name": "reviewQueue",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "totalCount",
        "storageKey": null
      }
    ],
    "storageKey": "reviewQueue(first:1)"
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "reviewQueuePageQuery",
    "selections": (v0/*:: as any*/),
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "reviewQueuePageQuery",
    "selections": (v0/*:: as any*/)
  },
  "params": {
    "cacheID": "733eb6f12665bb9925e843ca0eda43aa",
    "id": null,
    "metadata": {},
    "name": "reviewQueuePageQuery",
    "operationKind": "query",
    "text": "query reviewQueuePageQuery {\n  reviewQueue(first: 1) {\n    totalCount\n  }\n}\n"
  }
};
})();

(node as any).hash = "d45d706c9a0e9634f9cf20bc9368092f";

export default node;
