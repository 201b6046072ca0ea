/**
 * @generated SignedSource<<984cc21d09e8258186be9497d58076e9>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type AuditEventType = "AUDIT_ARCHIVED" | "AUDIT_CHECKPOINT" | "AUDIT_EXPORTED" | "AUDIT_PURGED" | "CONSENT_CHANGED" | "ELIGIBILITY_CHECKED" | "LOGIN_ATTEMPT" | "LOGOUT" | "OPERATOR_ACTION" | "PERSONA_ASSIGNED" | "PERSONA_OVERRIDDEN" | "RECOMMENDATION_GENERATED" | "TONE_VALIDATED" | "UNAUTHORIZED_ACCESS" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type auditLogTable_verification$data = ReadonlyArray<{
  readonly contentHash: string;
  readonly customerId: string | null | undefined;
  readonly eventData: any;
  readonly eventType: AuditEventType;
  readonly hash: string;
  readonly ipAddress: string | null | undefined;
  readonly logId: string;
  readonly occurredAt: any;
  readonly operatorUuid: string | null | undefined;
  readonly prevHash: string;
  readonly recommendationUuid: string | null | undefined;
  readonly sequence: string;
  readonly userAgent: string | null | undefined;
  readonly " $fragmentType": "auditLogTable_verification";
}>;
export type auditLogTable_verification$key = ReadonlyArray<{
  readonly " $data"?: auditLogTable_verification$data;
  readonly " $fragmentSpreads": FragmentRefs<"auditLogTable_verification">;
}>;

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "plural": true
  },
  "name": "auditLogTable_verification",
  "selections": [
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
      "name": "logId",
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
      "name": "customerId",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "operatorUuid",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "recommendationUuid",
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
      "name": "eventData",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "ipAddress",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "userAgent",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "contentHash",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "prevHash",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "hash",
      "storageKey": null
    }
  ],
  "type": "AuditEntry",
  "abstractKey": null
};

(node as any).hash = "20bb64fef949df7a5507076fa84ba3ae";

export default node;
