/**
 * @generated SignedSource<<545ef271ac4c42dba4ed2545deac05f0>>
 * @relayHash c540771e9ee7806ba9b599016abe9fc3
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID c14956ac59905a4e25a6debdb1b86d446bc3e1b6d5231e769de473f5bba6fa6c

import { ConcreteRequest } from 'relay-runtime';
export type useSignOutMutation$variables = Record<PropertyKey, never>;
export type useSignOutMutation$data = {
  readonly logout: boolean;
};
export type useSignOutMutation = {
  response: useSignOutMutation$data;
  variables: useSignOutMutation$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "logout",
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": [],
    "kind": "Fragment",
    "metadata": null,
    "name": "useSignOutMutation",
    "selections": (v0/*:: as any*/),
    "type": "Mutation",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [],
    "kind": "Operation",
    "name": "useSignOutMutation",
    "selections": (v0/*:: as any*/)
  },
  "params": {
    "cacheID": "c540771e9ee7806ba9b599016abe9fc3",
    "id": "c14956ac59905a4e25a6debdb1b86d446bc3e1b6d5231e769de473f5bba6fa6c",
    "metadata": {},
    "name": "useSignOutMutation",
    "operationKind": "mutation",
    "text": "mutation useSignOutMutation {\n  logout\n}\n"
  }
};
})();

(node as any).hash = "8a30ec95c42e273863556a73f573ed58";

export default node;
