/**
 * @generated SignedSource<<375c400817522a6400fc77578e8ca2ba>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type AssignmentSource = "ENGINE" | "OVERRIDE" | "%future added value";
export type TimeWindow = "D180" | "D30" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type personaHistory_row$data = {
  readonly assignedAt: any;
  readonly assignedBy: {
    readonly displayName: string;
  } | null | undefined;
  readonly confidence: number;
  readonly persona: {
    readonly name: string;
  } | null | undefined;
  readonly personaId: string;
  readonly source: AssignmentSource;
  readonly window: TimeWindow;
  readonly " $fragmentType": "personaHistory_row";
};
export type personaHistory_row$key = {
  readonly " $data"?: personaHistory_row$data;
  readonly " $fragmentSpreads": FragmentRefs<"personaHistory_row">;
};

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "personaHistory_row",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "assignedAt",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "window",
      "storageKey": null
    },
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
      "kind": "ScalarField",
      "name": "confidence",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "source",
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
      "name": "assignedBy",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "displayName",
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "PersonaAssignment",
  "abstractKey": null
};

(node as any).hash = "77d30df19c1b7630aa231a75fdd2fe0e";

export default node;
