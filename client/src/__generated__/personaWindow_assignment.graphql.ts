/**
 * @generated SignedSource<<40b7ee93a648518fdeef1e903393ebc1>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type AssignmentSource = "ENGINE" | "OVERRIDE" | "%future added value";
export type AssignmentStatus = "ASSIGNED" | "UNCLASSIFIED" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type personaWindow_assignment$data = {
  readonly assignedAt: any;
  readonly assignedBy: {
    readonly displayName: string;
  } | null | undefined;
  readonly confidence: number;
  readonly evaluations: ReadonlyArray<{
    readonly matched: boolean;
    readonly persona: {
      readonly description: string;
      readonly educationalFocus: ReadonlyArray<string>;
      readonly name: string;
      readonly priority: number;
    } | null | undefined;
    readonly personaId: string;
    readonly " $fragmentSpreads": FragmentRefs<"personaTrace_evaluation">;
  }>;
  readonly id: string;
  readonly persona: {
    readonly description: string;
    readonly educationalFocus: ReadonlyArray<string>;
    readonly name: string;
  } | null | undefined;
  readonly personaId: string;
  readonly prioritizationReason: string;
  readonly priority: number | null | undefined;
  readonly qualifyingPersonas: ReadonlyArray<string>;
  readonly referenceDate: any;
  readonly registryVersion: string;
  readonly signalSnapshot: {
    readonly " $fragmentSpreads": FragmentRefs<"signalTable_snapshot">;
  };
  readonly source: AssignmentSource;
  readonly status: AssignmentStatus;
  readonly " $fragmentType": "personaWindow_assignment";
};
export type personaWindow_assignment$key = {
  readonly " $data"?: personaWindow_assignment$data;
  readonly " $fragmentSpreads": FragmentRefs<"personaWindow_assignment">;
};

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "personaId",
  "storageKey": null
},
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "priority",
  "storageKey": null
},
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "description",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "educationalFocus",
  "storageKey": null
};
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "personaWindow_assignment",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "id",
      "storageKey": null
    },
    (v0/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "status",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "source",
      "storageKey": null
    },
    (v1/*:: as any*/),
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
      "name": "assignedAt",
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
      "kind": "ScalarField",
      "name": "prioritizationReason",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "qualifyingPersonas",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "registryVersion",
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
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "Persona",
      "kind": "LinkedField",
      "name": "persona",
      "plural": false,
      "selections": [
        (v2/*:: as any*/),
        (v3/*:: as any*/),
        (v4/*:: as any*/)
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "PersonaEvaluation",
      "kind": "LinkedField",
      "name": "evaluations",
      "plural": true,
      "selections": [
        (v0/*:: as any*/),
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "matched",
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
            (v2/*:: as any*/),
            (v1/*:: as any*/),
            (v3/*:: as any*/),
            (v4/*:: as any*/)
          ],
          "storageKey": null
        },
        {
          "args": null,
          "kind": "FragmentSpread",
          "name": "personaTrace_evaluation"
        }
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "SignalSnapshot",
      "kind": "LinkedField",
      "name": "signalSnapshot",
      "plural": false,
      "selections": [
        {
          "args": null,
          "kind": "FragmentSpread",
          "name": "signalTable_snapshot"
        }
      ],
      "storageKey": null
    }
  ],
  "type": "PersonaAssignment",
  "abstractKey": null
};
})();

(node as any).hash = "dd9cc87827bc05db7d220c2428c31d9a";

export default node;
