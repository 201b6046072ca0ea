/**
 * @generated SignedSource<<e3a823979ef2598de66c8d258c19d677>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type AuditEventType = "AUDIT_ARCHIVED" | "AUDIT_CHECKPOINT" | "AUDIT_EXPORTED" | "AUDIT_PURGED" | "CONSENT_CHANGED" | "ELIGIBILITY_CHECKED" | "LOGIN_ATTEMPT" | "LOGOUT" | "OPERATOR_ACTION" | "PERSONA_ASSIGNED" | "PERSONA_OVERRIDDEN" | "RECOMMENDATION_GENERATED" | "TONE_VALIDATED" | "UNAUTHORIZED_ACCESS" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type auditLogRow_entry$data = {
  readonly customerId: string | null | undefined;
  readonly eventData: any;
  readonly eventType: AuditEventType;
  readonly id: string;
  readonly occurredAt: any;
  readonly operator: {
    readonly username: string;
  } | null | undefined;
  readonly sequence: string;
  readonly user: {
    readonly id: string;
    readonly name: string;
  } | null | undefined;
  readonly " $fragmentType": "auditLogRow_entry";
};
export type auditLogRow_entry$key = {
  readonly " $data"?: auditLogRow_entry$data;
  readonly " $fragmentSpreads": FragmentRefs<"auditLogRow_entry">;
};

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
};
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "auditLogRow_entry",
  "selections": [
    (v0/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "sequence",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "eventType",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "occurredAt",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "customerId",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "User",
      "kind": "LinkedField",
      "name": "user",
      "plural": false,
      "selections": [
        (v0/*:: as any*/),
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "name",
          "storageKey": null
        }
      ],
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
          "name": "username",
          "storageKey": null
        }
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "eventData",
      "storageKey": null
    }
  ],
  "type": "AuditEntry",
  "abstractKey": null
};
})();

(node as any).hash = "a70e3b4e68feade67d5f4dafd60251ba";

export default node;
