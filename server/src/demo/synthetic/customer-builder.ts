/**
 * Builds one customer's ledger from its plan: accounts, a budget (income, bills, subscriptions,
 * everyday spending, savings), card statements, and finally balances that agree with the transactions.
 * Depository balances on `asOf` are planned and the opening balances follow from the transactions;
 * card balances come out of the statement simulation.
 */

import type { Faker } from '@faker-js/faker';
import type {
  AccountSubtype,
  AccountType,
  CustomerLedger,
  LedgerAccount,
  LedgerLiability,
  LedgerTransaction,
  LedgerUser,
} from '../../domain/ledger/types.js';
import { type CardPlan, type CustomerProfile, monthlyCents } from './archetypes.js';
import { formatIsoDay, formatIsoTimestamp, monthlyDays, monthOf } from './calendar.js';
import { simulateCard } from './cards.js';
import { type Purchase, TransactionDraft } from './draft.js';
import {
  CATEGORY,
  type Category,
  EATERIES,
  GAS_STATIONS,
  GROCERS,
  type Merchant,
  SHOPS,
} from './merchants.js';
import type { SeededRandom } from './random.js';

const DAYS_PER_MONTH = 365.2425 / 12;
const MS_PER_DAY = 86_400_000;

const CARD_NAMES = [
  'Cash Rewards Visa',
  'Platinum Mastercard',
  'Travel Rewards Card',
  'Everyday Visa Signature',
];
const SAVINGS_NAMES: Record<string, string> = {
  savings: 'High-Yield Savings',
  'money market': 'Money Market',
  hsa: 'Health Savings Account',
};
const REVOLVER_APRS = [22.99, 24.49, 25.99, 27.24, 28.99, 29.99];
const TRANSACTOR_APRS = [17.99, 19.49, 20.99, 21.74, 23.99, 24.99];
const LATE_FEES_CENTS = [2_900, 3_200, 3_900, 4_000];

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const toDollars = (cents: number): number => cents / 100;
const roundTo = (cents: number, stepCents: number): number => Math.round(cents / stepCents) * stepCents;

interface AccountDraft {
  account: Omit<LedgerAccount, 'balanceCurrent' | 'balanceAvailable' | 'creditLimit'>;
  balanceCents: number;
  creditLimitCents: number | null;
  liability: LedgerLiability | null;
}

interface CardDraft {
  plan: CardPlan;
  draft: AccountDraft;
  /** Charges waiting for the statement simulation. */
  purchases: Purchase[];
}

interface LoanDraft {
  draft: AccountDraft;
  paymentCents: number;
  dayOfMonth: number;
  ratePercent: number;
}

export interface CustomerContext {
  index: number;
  asOf: string;
  asOfDay: number;
  rng: SeededRandom;
  faker: Faker;
}

export class CustomerBuilder {
  readonly #profile: CustomerProfile;
  readonly #rng: SeededRandom;
  readonly #faker: Faker;
  readonly #index: number;
  readonly #userId: string;
  readonly #asOf: string;
  readonly #asOfDay: number;
  readonly #startDay: number;
  readonly #draft = new TransactionDraft();
  readonly #accounts: AccountDraft[] = [];
  readonly #usedMasks = new Set<string>();
  readonly #loans: LoanDraft[] = [];
  readonly #checking: AccountDraft;
  readonly #savings: AccountDraft[];
  readonly #cards: CardDraft[];
  /** Planned spending per month (bills and everyday), in cents. */
  readonly #monthlySpendCents: number;
  /** Bills and subscriptions per month so far; everyday spending gets what is left. */
  #fixedMonthlyCents = 0;
  #savedCents = 0;

  constructor(profile: CustomerProfile, context: CustomerContext) {
    this.#profile = profile;
    this.#rng = context.rng;
    this.#faker = context.faker;
    this.#index = context.index;
    this.#userId = `usr_${pad(context.index, 6)}`;
    this.#asOf = context.asOf;
    this.#asOfDay = context.asOfDay;
    this.#startDay = context.asOfDay - profile.historyDays;
    this.#monthlySpendCents = Math.round(profile.monthlyIncomeCents * profile.spendRate);
    this.#checking = this.#openAccount('depository', 'checking', 'Everyday Checking');
    this.#savings = profile.savingsAccounts.map((subtype) =>
      this.#openAccount('depository', subtype, SAVINGS_NAMES[subtype] ?? 'Savings'),
    );
    const cardNames = this.#rng.sample(CARD_NAMES, profile.cards.length);
    this.#cards = profile.cards.map((plan, i) => ({
      plan,
      draft: this.#openAccount('credit', 'credit card', cardNames[i] ?? 'Credit Card'),
      purchases: [],
    }));
  }

  build(): CustomerLedger {
    const user = this.#createUser();
    const employer = this.#faker.company
      .name()
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, ' ')
      .trim();
    this.#payWages(`${employer} PAYROLL`);
    this.#payHousingAndUtilities();
    this.#payLoans();
    this.#paySubscriptions();
    this.#spendEveryday();
    this.#transferToSavings();
    this.#settleCards();
    this.#settleDepositoryBalances();
    this.#describeLoans();
    return this.#assemble(user);
  }

  // --- the customer ---

  #createUser(): LedgerUser {
    const rng = this.#rng;
    const firstName = this.#faker.person.firstName();
    const lastName = this.#faker.person.lastName();
    const emailLocal = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    // Born within the year that makes the customer exactly `age` on asOf.
    const { year, month0 } = monthOf(this.#asOfDay);
    const dayOfMonth = this.#asOfDayOfMonth();
    const age = this.#profile.age;
    const latestBirth = Date.UTC(year - age, month0, dayOfMonth) / MS_PER_DAY;
    const earliestBirth = Date.UTC(year - age - 1, month0, dayOfMonth) / MS_PER_DAY + 1;
    return {
      id: this.#userId,
      name: `${firstName} ${lastName}`,
      // The index keeps emails unique across any number of customers.
      email: `${emailLocal}.${this.#index}@${rng.pick(['example.com', 'example.net', 'example.org'])}`,
      dateOfBirth: formatIsoDay(rng.int(earliestBirth, latestBirth)),
      createdAt: formatIsoTimestamp(
        this.#asOfDay - rng.int(1, Math.min(60, this.#profile.historyDays - 1)),
        rng.int(0, 86_399),
      ),
    };
  }

  #asOfDayOfMonth(): number {
    return Number(this.#asOf.slice(8, 10));
  }

  // --- accounts (loans are opened with their payments) ---

  #openAccount(type: AccountType, subtype: AccountSubtype, name: string): AccountDraft {
    let mask: string;
    do mask = pad(this.#rng.int(0, 9_999), 4);
    while (this.#usedMasks.has(mask));
    this.#usedMasks.add(mask);
    const account: AccountDraft = {
      account: {
        id: `acc_${pad(this.#index, 6)}_${pad(this.#accounts.length + 1, 2)}`,
        userId: this.#userId,
        type,
        subtype,
        name,
        mask,
        isoCurrencyCode: 'USD',
      },
      balanceCents: 0,
      creditLimitCents: null,
      liability: null,
    };
    this.#accounts.push(account);
    return account;
  }

  get #checkingId(): string {
    return this.#checking.account.id;
  }

  #monthly(dayOfMonth: number, each: (day: number) => void): void {
    for (const day of monthlyDays(this.#startDay, this.#asOfDay, dayOfMonth)) each(day);
  }

  // --- income ---

  #payWages(payer: string): void {
    const rng = this.#rng;
    const { monthlyIncomeCents: income, paySchedule, historyDays } = this.#profile;
    const start = this.#startDay;
    const end = this.#asOfDay;
    const pay = (day: number, cents: number): void =>
      this.#draft.add(this.#checkingId, day, -Math.round(cents), CATEGORY.wages, payer, 'other');
    const steadyPay = (day: number, cents: number): void => pay(day, cents * rng.float(0.995, 1.005));
    switch (paySchedule) {
      case 'biweekly':
        for (let day = start + rng.int(0, 13); day <= end; day += 14) steadyPay(day, (income * 12) / 26);
        return;
      case 'semi_monthly':
        for (const day of [...monthlyDays(start, end, 15), ...monthlyDays(start, end, 31)]) {
          steadyPay(day, income / 2);
        }
        return;
      case 'monthly':
        this.#monthly(rng.pick([1, 15, 31]), (day) => steadyPay(day, income));
        return;
      case 'irregular': {
        // Gaps of 48–65 days, counted back from a recent payday so that even the 90-day lookback of
        // the 30-day window sees two paydays; over the history the income adds up to the planned average.
        const days: number[] = [];
        for (let day = end - rng.int(0, 20); day >= start; day -= rng.int(48, 65)) days.unshift(day);
        const weights = days.map(() => rng.float(0.7, 1.3));
        const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
        const total = (income * historyDays) / DAYS_PER_MONTH;
        for (const [i, day] of days.entries()) pay(day, (total * (weights[i] ?? 1)) / weightSum);
        return;
      }
    }
  }

  // --- bills ---

  #payHousingAndUtilities(): void {
    const rng = this.#rng;
    const income = this.#profile.monthlyIncomeCents;
    const housingCents = roundTo(income * rng.float(0.22, 0.3), 500);
    const housingDayOfMonth = rng.int(1, 3);
    const mortgage =
      this.#profile.housing === 'mortgage' ? this.#openAccount('loan', 'mortgage', 'Home Mortgage') : null;
    if (mortgage) {
      mortgage.balanceCents = roundTo(housingCents * rng.float(120, 200), 100);
      this.#loans.push({
        draft: mortgage,
        paymentCents: housingCents,
        dayOfMonth: housingDayOfMonth,
        ratePercent: rng.float(2.75, 7.25),
      });
    }
    this.#monthly(housingDayOfMonth, (day) =>
      this.#draft.add(
        this.#checkingId,
        day,
        housingCents,
        mortgage ? CATEGORY.mortgagePayment : CATEGORY.rent,
      ),
    );

    const electricityCents = rng.int(60, 160) * 100;
    this.#monthly(rng.int(5, 25), (day) =>
      this.#draft.add(
        this.#checkingId,
        day,
        Math.round(electricityCents * rng.float(0.75, 1.3)),
        CATEGORY.electricity,
      ),
    );
    // Phone on the last card, internet on the first of two: every statement then stays above the $25
    // minimum, so paying a statement in full never looks like paying only the minimum.
    const internetCents = rng.pick([5_499, 6_499, 7_000, 7_999, 8_999]);
    const phoneCents = rng.pick([3_999, 4_500, 6_500, 8_000, 9_500]);
    this.#payBill(
      this.#cards.length > 1 ? this.#autopayCard(0) : undefined,
      internetCents,
      CATEGORY.internet,
    );
    this.#payBill(this.#autopayCard(this.#cards.length - 1), phoneCents, CATEGORY.phone);
    this.#fixedMonthlyCents += housingCents + electricityCents + internetCents + phoneCents;
  }

  /** The card at `index` if bills may be set up on it: a maxed-out revolver leaves them to checking. */
  #autopayCard(index: number): CardDraft | undefined {
    const card = this.#cards[index];
    return card?.plan.behaviour === 'transactor' ? card : undefined;
  }

  #payBill(card: CardDraft | undefined, amountCents: number, category: Category): void {
    this.#monthly(this.#rng.int(5, 25), (day) => {
      if (card)
        card.purchases.push({
          day,
          amountCents,
          merchantName: null,
          channel: 'online',
          category,
          autopay: true,
        });
      else this.#draft.add(this.#checkingId, day, amountCents, category);
    });
  }

  #payLoans(): void {
    const rng = this.#rng;
    const income = this.#profile.monthlyIncomeCents;
    for (const kind of this.#profile.loans) {
      const student = kind === 'student';
      const loan = this.#openAccount('loan', kind, student ? 'Federal Student Loan' : 'Auto Loan');
      const paymentCents = roundTo(income * (student ? rng.float(0.04, 0.08) : rng.float(0.06, 0.1)), 100);
      const dayOfMonth = rng.int(5, 28);
      loan.balanceCents = roundTo(paymentCents * (student ? rng.float(30, 110) : rng.float(12, 60)), 100);
      this.#loans.push({
        draft: loan,
        paymentCents,
        dayOfMonth,
        ratePercent: student ? rng.float(3.5, 7.5) : rng.float(4.5, 9.5),
      });
      this.#fixedMonthlyCents += paymentCents;
      const category = student ? CATEGORY.studentLoanPayment : CATEGORY.carPayment;
      this.#monthly(dayOfMonth, (day) => this.#draft.add(this.#checkingId, day, paymentCents, category));
    }
  }

  #paySubscriptions(): void {
    const rng = this.#rng;
    const card = rng.chance(0.8) ? this.#autopayCard(0) : undefined;
    const asOfDayOfMonth = this.#asOfDayOfMonth();
    for (const plan of this.#profile.subscriptions) {
      this.#fixedMonthlyCents += monthlyCents(plan);
      const charge = (day: number): void => {
        const purchase: Purchase = {
          day,
          amountCents: plan.priceCents,
          merchantName: plan.merchant,
          channel: 'online',
          category: plan,
          autopay: true,
        };
        if (card) card.purchases.push(purchase);
        else this.#draft.addPurchase(this.#checkingId, purchase);
      };
      if (plan.cadence === 'weekly') {
        for (let day = this.#startDay + rng.int(0, 6); day <= this.#asOfDay; day += 7) charge(day);
      } else {
        // Billed within 27 days before asOf's day of month, so the last 90 days always hold three charges.
        this.#monthly(rng.int(Math.max(1, asOfDayOfMonth - 27), Math.min(asOfDayOfMonth, 28)), charge);
      }
    }
  }

  // --- everyday spending: whatever the budget leaves after bills ---

  #spendEveryday(): void {
    const rng = this.#rng;
    const { monthlyIncomeCents, cardShare } = this.#profile;
    const everydayMonthly = Math.max(
      this.#monthlySpendCents - this.#fixedMonthlyCents,
      Math.round(monthlyIncomeCents * 0.15),
    );
    const weights = [rng.float(0.3, 0.4), rng.float(0.2, 0.3), rng.float(0.1, 0.15), rng.float(0.2, 0.3)];
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
    const [groceries = 0, eateries = 0, gas = 0, shops = 0] = weights.map(
      (weight) => (everydayMonthly * weight) / weightSum,
    );
    const start = this.#startDay;
    // Groceries open the history, so the first transaction falls exactly on its first day.
    this.#purchaseStream(rng.shuffle(GROCERS), groceries, 2, 5, start, cardShare * 0.3);
    this.#purchaseStream(rng.shuffle(EATERIES), eateries, 1, 4, start + rng.int(0, 3), cardShare);
    this.#purchaseStream(rng.shuffle(GAS_STATIONS), gas, 8, 20, start + rng.int(0, 10), cardShare);
    this.#purchaseStream(rng.shuffle(SHOPS), shops, 3, 10, start + rng.int(0, 6), cardShare);
  }

  /**
   * Purchases every `minGap`–`maxGap` days, taking merchants in turn from `merchants`: a long list
   * spaces visits to the same merchant far apart, so none of them looks like a subscription.
   */
  #purchaseStream(
    merchants: readonly Merchant[],
    monthlyBudgetCents: number,
    minGap: number,
    maxGap: number,
    firstDay: number,
    cardShare: number,
  ): void {
    const rng = this.#rng;
    const averageCents = (monthlyBudgetCents * (minGap + maxGap)) / 2 / DAYS_PER_MONTH;
    let turn = 0;
    for (let day = firstDay; day <= this.#asOfDay; day += rng.int(minGap, maxGap)) {
      const merchant = merchants[turn++ % merchants.length] as Merchant;
      const purchase: Purchase = {
        day,
        amountCents: Math.max(100, Math.round(averageCents * rng.float(0.5, 1.5))),
        merchantName: merchant.name,
        channel: merchant.channel,
        category: merchant,
        autopay: false,
      };
      const card = this.#cards.length > 0 && rng.chance(cardShare) ? this.#chooseCard() : undefined;
      if (card) card.purchases.push(purchase);
      else this.#draft.addPurchase(this.#checkingId, purchase);
    }
  }

  #chooseCard(): CardDraft | undefined {
    const total = this.#cards.reduce((sum, card) => sum + card.plan.weight, 0);
    let roll = this.#rng.float(0, total);
    for (const card of this.#cards) {
      roll -= card.plan.weight;
      if (roll < 0) return card;
    }
    return this.#cards.at(-1);
  }

  // --- savings ---

  #transferToSavings(): void {
    const target = this.#savings[0];
    const amount = this.#profile.savingsTransferCents;
    if (!target || amount <= 0) return;
    for (let day = this.#startDay + this.#rng.int(0, 13); day <= this.#asOfDay; day += 14) {
      this.#draft.add(this.#checkingId, day, amount, CATEGORY.transferOut);
      this.#draft.add(target.account.id, day, -amount, CATEGORY.transferIn);
      this.#savedCents += amount;
    }
  }

  // --- cards ---

  #settleCards(): void {
    const rng = this.#rng;
    const months = this.#profile.historyDays / DAYS_PER_MONTH;
    for (const card of this.#cards) {
      const { plan, draft } = card;
      const purchases = card.purchases.sort((a, b) => a.day - b.day);
      const revolver = plan.behaviour === 'revolver';
      const monthlyCardSpend = purchases.reduce((sum, purchase) => sum + purchase.amountCents, 0) / months;
      const openingBalanceCents = revolver
        ? Math.round((plan.limitCents ?? 0) * plan.targetUtilization)
        : Math.round(monthlyCardSpend * rng.float(0.7, 1.2));
      const aprPercentage = rng.pick(revolver ? REVOLVER_APRS : TRANSACTOR_APRS);
      const outcome = simulateCard(
        {
          plan,
          cardAccountId: draft.account.id,
          checkingAccountId: this.#checkingId,
          aprPercentage,
          openingBalanceCents,
          statementDayOfMonth: rng.int(1, 28),
          lateFeeCents: rng.pick(LATE_FEES_CENTS),
          startDay: this.#startDay,
          asOfDay: this.#asOfDay,
          purchases,
        },
        this.#draft,
      );
      for (const purchase of outcome.declined) this.#draft.addPurchase(this.#checkingId, purchase);
      draft.balanceCents = outcome.balanceCents;
      // Without a fixed limit, the limit makes the final balance the planned share of it, and is
      // never below the highest balance of the history.
      draft.creditLimitCents =
        plan.limitCents ??
        Math.max(
          50_000,
          roundTo(outcome.balanceCents / plan.targetUtilization, 5_000),
          Math.ceil(outcome.peakBalanceCents / 5_000) * 5_000,
        );
      draft.liability = {
        accountId: draft.account.id,
        kind: 'credit',
        aprPercentage,
        minimumPaymentAmount: toDollars(outcome.minimumPaymentCents),
        lastPaymentAmount: outcome.lastPaymentCents === null ? null : toDollars(outcome.lastPaymentCents),
        lastStatementBalance: toDollars(outcome.lastStatementBalanceCents),
        isOverdue: outcome.isOverdue,
        nextPaymentDueDate: formatIsoDay(outcome.nextPaymentDueDay),
        interestRate: null,
      };
    }
  }

  // --- balances ---

  #settleDepositoryBalances(): void {
    const rng = this.#rng;
    const savingsTotal = Math.round(this.#profile.savingsMonths * this.#monthlySpendCents);
    for (const [i, account] of this.#savings.entries()) {
      const share = this.#savings.length === 1 ? 1 : i === 0 ? 0.6 : 0.4 / (this.#savings.length - 1);
      account.balanceCents = Math.round(savingsTotal * share);
      // The account receiving transfers held something before them: its opening balance stays positive.
      if (i === 0 && this.#savedCents > 0) {
        account.balanceCents = Math.max(account.balanceCents, this.#savedCents + rng.int(200, 2_000) * 100);
      }
    }
    const target = Math.round(this.#profile.checkingMonths * this.#monthlySpendCents);
    const openingFloor = rng.int(100, 400) * 100;
    const opening = target + this.#draft.netOutflowCents(this.#checkingId);
    this.#checking.balanceCents = opening < openingFloor ? target + (openingFloor - opening) : target;
  }

  #describeLoans(): void {
    for (const loan of this.#loans) {
      const paidInHistory = monthlyDays(this.#startDay, this.#asOfDay, loan.dayOfMonth).length > 0;
      const nextDue =
        monthlyDays(this.#asOfDay + 1, this.#asOfDay + 62, loan.dayOfMonth)[0] ?? this.#asOfDay + 1;
      loan.draft.liability = {
        accountId: loan.draft.account.id,
        kind: loan.draft.account.subtype as LedgerLiability['kind'],
        aprPercentage: null,
        minimumPaymentAmount: toDollars(loan.paymentCents),
        lastPaymentAmount: paidInHistory ? toDollars(loan.paymentCents) : null,
        lastStatementBalance: toDollars(loan.draft.balanceCents),
        isOverdue: false,
        nextPaymentDueDate: formatIsoDay(nextDue),
        interestRate: Math.round(loan.ratePercent * 100) / 100,
      };
    }
  }

  // --- the ledger ---

  #assemble(user: LedgerUser): CustomerLedger {
    const userNumber = pad(this.#index, 6);
    const transactions: LedgerTransaction[] = this.#draft.sorted().map((transaction, i) => ({
      id: `txn_${userNumber}_${pad(i + 1, 4)}`,
      accountId: transaction.accountId,
      userId: this.#userId,
      date: formatIsoDay(transaction.day),
      amount: toDollars(transaction.amountCents),
      isoCurrencyCode: 'USD',
      merchantName: transaction.merchantName,
      paymentChannel: transaction.channel,
      categoryPrimary: transaction.category.primary,
      categoryDetailed: transaction.category.detailed,
      pending: false,
    }));
    return {
      user,
      accounts: this.#accounts.map(toLedgerAccount),
      transactions,
      liabilities: this.#accounts.flatMap((account) => (account.liability ? [account.liability] : [])),
    };
  }
}

function toLedgerAccount(draft: AccountDraft): LedgerAccount {
  const balanceCurrent = toDollars(draft.balanceCents);
  const { type } = draft.account;
  let balanceAvailable: number | null = null;
  if (type === 'depository') balanceAvailable = balanceCurrent;
  if (type === 'credit' && draft.creditLimitCents !== null) {
    balanceAvailable = toDollars(draft.creditLimitCents - draft.balanceCents);
  }
  return {
    ...draft.account,
    balanceCurrent,
    balanceAvailable,
    creditLimit: draft.creditLimitCents === null ? null : toDollars(draft.creditLimitCents),
  };
}
