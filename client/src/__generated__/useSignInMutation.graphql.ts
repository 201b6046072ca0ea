/**
 * @generated SignedSource<<f0d73b6bd30fff05ca0646e38e699895>>
 * @relayHash 0b9def941574a29379eed9759bd085fc
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

// @relayRequestID e362b706d7a1b7e9cdbac345ea321d65681dc0cd330f5ddbe94871d374c6b2dd

import { ConcreteRequest } from 'relay-runtime';
export type OperatorRole = "ADMIN" | "COMPLIANCE" | "REVIEWER" | "VIEWER" | "%future added value";
export type LoginInput = {
  password: string;
  username: string;
};
export type useSignInMutation$variables = {
  input: LoginInput;
};
export type useSignInMutation$data = {
  readonly login: {
    readonly expiresAt: any;
    readonly operator: {
      readonly displayName: string;
      readonly id: string;
      readonly role: OperatorRole;
      readonly username: string;
    };
  };
};
export type useSignInMutation = {
  response: useSignInMutation$data;
  variables: useSignInMutation$variables;
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
    "alias": null,
    "args": [
      {
        "kind": "Variable",
        "name": "input",
        "variableName": "input"
      }
    ],
    "concreteType": "LoginPayload",
    "kind": "LinkedField",
    "name": "login",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "expiresAt",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "concreteType": "Operator",
        "kind": "LinkedField",
        "name": "operator",
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
            "name": "username",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "displayName",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "role",
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
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "useSignInMutation",
    "selections": (v1/*:: as any*/),
    "type": "Mutation",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "useSignInMutation",
    "selections": (v1/*:: as any*/)
  },
  "params": {
    "cacheID": "0b9def941574a29379eed9759bd085fc",
    "id": "e362b706d7a1b7e9cdbac345ea321d65681dc0cd330f5ddbe94871d374c6b2dd",
    "metadata": {},
    "name": "useSignInMutation",
    "operationKind": "mutation",
    "text": "mutation useSignInMutation(\n  $input: LoginInput!\n) {\n  login(input: $input) {\n    expiresAt\n    operator {\n      id\n      username\n      displayName\n      role\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "f33b84882220053f433bafe6d6bb2cff";

export default node;
