/**
 * A customer's ledger while it is being generated: money in integer cents and dates as day numbers,
 * so balances add up exactly; converted to the ledger types once at the end.
 */

import type { Category } from './merchants.js';

export interface DraftTransaction {
  day: number;
  /** Insertion order, to keep same-day transactions in a stable order. */
  seq: number;
  accountId: string;
  /** Plaid convention: positive = money out of the account. */
  amountCents: number;
  merchantName: string | null;
  channel: 'online' | 'in store' | 'other';
  category: Category;
}

/** A purchase before it is known whether the card accepts it. */
export interface Purchase {
  day: number;
  amountCents: number;
  merchantName: string | null;
  channel: 'online' | 'in store';
  category: Category;
  /** A bill or subscription set up on the card: charged beyond the target utilization (see cards.ts). */
  autopay: boolean;
}

export class TransactionDraft {
  readonly transactions: DraftTransaction[] = [];
  #seq = 0;

  add(
    accountId: string,
    day: number,
    amountCents: number,
    category: Category,
    merchantName: string | null = null,
    channel: DraftTransaction['channel'] = 'other',
  ): void {
    this.transactions.push({
      day,
      seq: this.#seq++,
      accountId,
      amountCents,
      merchantName,
      channel,
      category,
    });
  }

  addPurchase(accountId: string, purchase: Purchase): void {
    this.add(
      accountId,
      purchase.day,
      purchase.amountCents,
      purchase.category,
      purchase.merchantName,
      purchase.channel,
    );
  }

  /** Net of all amounts on one account (positive = more money went out than came in). */
  netOutflowCents(accountId: string): number {
    let net = 0;
    for (const transaction of this.transactions) {
      if (transaction.accountId === accountId) net += transaction.amountCents;
    }
    return net;
  }

  /** Chronological, same-day transactions in the order they were added. */
  sorted(): DraftTransaction[] {
    return this.transactions.slice().sort((a, b) => a.day - b.day || a.seq - b.seq);
  }
}
