/**
 * @generated SignedSource<<d52fcf1e834a7822761a7de7923bceb6>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type signalTable_snapshot$data = {
  readonly readings: ReadonlyArray<{
    readonly description: string;
    readonly key: string;
    readonly missingReason: string | null | undefined;
    readonly unit: string;
    readonly value: any | null | undefined;
  }>;
  readonly referenceDate: any;
  readonly windowStart: any;
  readonly " $fragmentType": "signalTable_snapshot";
};
export type signalTable_snapshot$key = {
  readonly " $data"?: signalTable_snapshot$data;
  readonly " $fragmentSpreads": FragmentRefs<"signalTable_snapshot">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "signalTable_snapshot",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "windowStart",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "referenceDate",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "SignalReading",
      "kind": "LinkedField",
      "name": "readings",
      "plural": true,
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "key",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "description",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "unit",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "value",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "missingReason",
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "SignalSnapshot",
  "abstractKey": null
};

(node as any).hash = "fe677cba288357023e67ee87de8d2905";

export default node;
