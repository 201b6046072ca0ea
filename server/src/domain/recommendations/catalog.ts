/**
 * The built-in recommendation catalog: education content and partner offers, validated and frozen when this
 * module loads, so a bad edit fails at start-up rather than in front of a customer.
 *
 * Two entries deliberately fail the tone guardrail, so the review queue always has real tone failures to
 * show: `offer-subscription-manager` (pressure copy, a warning) and `edu-first-paychecks` (quotes a shaming
 * phrase, critical). The two predatory offers (`offer-payday-loan`, `offer-cash-advance`) always fail
 * eligibility. Rewriting or removing any of them changes what the review queue demonstrates.
 */

import type { EligibilityRules } from '../guardrails/index.js';
import { loadCatalog } from './catalog-validation.js';
import type { Catalog, EducationItem, PartnerOffer } from './types.js';

/** Rules for an offer open to any adult; a fresh object each time so no two offers share (and alias) one. */
function adultsOnly(): EligibilityRules {
  return {
    minAgeYears: 18,
    minAnnualIncome: null,
    maxCreditUtilizationPct: null,
    minTotalCreditLimit: null,
    excludeIfHolding: null,
  };
}

const EDUCATION: EducationItem[] = [
  {
    id: 'edu-credit-utilization',
    format: 'article',
    title: 'Understanding credit utilization',
    summary: 'What the share of your credit limit in use means, and why it matters.',
    body:
      'Credit utilization is the share of your available credit that you are currently using. Scoring models ' +
      'generally look at it per card and across all cards, and lower shares tend to help. Many people aim to ' +
      'keep each card below 30% of its limit. Paying before the statement date lowers the balance that gets reported.',
    personas: ['high_utilization', 'young_professional'],
    triggers: ['high_utilization', 'elevated_utilization'],
  },
  {
    id: 'edu-debt-avalanche-snowball',
    format: 'article',
    title: 'Debt avalanche vs snowball',
    summary: 'Two ways to order extra payments across several balances.',
    body:
      'The avalanche method puts extra money toward the balance with the highest interest rate first, which ' +
      'usually costs the least overall. The snowball method pays off the smallest balance first, which can build ' +
      'momentum. Both work as long as the minimums on every other account are paid. The best plan is the one you can keep up.',
    personas: ['high_utilization'],
    triggers: ['interest_charges', 'high_utilization', 'minimum_payment_only'],
  },
  {
    id: 'edu-minimum-payment-calculator',
    format: 'calculator',
    title: 'Minimum payment payoff calculator',
    summary: 'See how long a balance takes to pay off at different monthly payments.',
    body:
      'Enter a balance, an interest rate and a monthly payment to see how long payoff takes and how much interest ' +
      'it adds. Paying the minimum keeps an account in good standing but can stretch payoff over many years. ' +
      'Seeing the numbers side by side can help you choose a payment that fits your budget.',
    personas: ['high_utilization'],
    triggers: ['minimum_payment_only', 'interest_charges'],
  },
  {
    id: 'edu-missed-payment-recovery',
    format: 'article',
    title: 'Getting back on track after a missed payment',
    summary: 'Steps that limit fees and reporting when a payment is late.',
    body:
      'If a payment is past due, paying at least the minimum as soon as you can limits late fees and further ' +
      'reporting. Many card issuers will discuss hardship options or a one-time fee waiver if you call them. ' +
      'Setting up autopay for the minimum helps prevent the next slip while you work on the balance.',
    personas: ['high_utilization'],
    triggers: ['overdue'],
  },
  {
    id: 'edu-reading-card-statement',
    format: 'article',
    title: 'Reading your credit card statement',
    summary: 'Where to find the balance, minimum, due date and interest on a statement.',
    body:
      'A card statement lists the balance, the minimum payment, the due date and the interest charged during the ' +
      'period. Paying the full statement balance by the due date usually avoids interest on new purchases. ' +
      'Checking the statement each month also helps catch errors or unfamiliar charges.',
    personas: ['young_professional', 'high_utilization'],
    triggers: ['interest_charges'],
  },
  {
    id: 'edu-emergency-fund',
    format: 'article',
    title: 'Building an emergency fund',
    summary: 'Why a cash cushion helps and how to start one.',
    body:
      'An emergency fund is money set aside for unexpected costs like a car repair or a gap in income. A common ' +
      'first goal is one month of essential expenses, growing toward three to six months over time. Keeping it in ' +
      'a separate savings account makes it easier to leave alone. Small automatic transfers add up over time.',
    personas: ['savings_builder', 'variable_income_budgeter', 'unclassified'],
    triggers: ['low_emergency_fund', 'thin_cash_buffer'],
  },
  {
    id: 'edu-emergency-fund-calculator',
    format: 'calculator',
    title: 'Emergency fund target calculator',
    summary: 'Turn your essential monthly costs into a savings target.',
    body:
      'This calculator turns your essential monthly costs into savings targets for one, three and six months. It ' +
      'also shows how long each target takes at a monthly amount you choose. A concrete number can make the goal ' +
      'feel more manageable.',
    personas: ['savings_builder'],
    triggers: ['low_emergency_fund'],
  },
  {
    id: 'edu-subscription-audit',
    format: 'template',
    title: 'Subscription audit checklist',
    summary: 'Review each recurring charge in a few minutes.',
    body:
      'This checklist walks through each recurring charge and asks when you last used it and whether a cheaper ' +
      'plan exists. Many people find at least one service they had forgotten about. Cancelling or pausing even one ' +
      'or two can free up money for other goals.',
    personas: ['subscription_heavy'],
    triggers: ['many_subscriptions', 'subscription_spend_high'],
  },
  {
    id: 'edu-subscription-pricing',
    format: 'calculator',
    title: 'Monthly vs annual subscription pricing',
    summary: 'Compare paying monthly with paying once a year.',
    body:
      'Annual plans often cost less per month, but they commit you to a year of payments up front. This calculator ' +
      'compares the two for the services you keep and shows the break-even point. It works best for services you ' +
      'expect to use all year.',
    personas: ['subscription_heavy'],
    triggers: ['subscription_spend_high'],
  },
  {
    id: 'edu-lowering-recurring-bills',
    format: 'article',
    title: 'Lowering recurring bills',
    summary: 'How a short call can reduce phone, internet and insurance costs.',
    body:
      'Phone, internet and insurance providers often have retention offers that are not advertised. A short call ' +
      'asking about current promotions or a lower tier can reduce a monthly bill. Noting the date and the agreed ' +
      'price makes it easy to check the next statement.',
    personas: ['subscription_heavy'],
    triggers: ['subscription_spend_high', 'many_subscriptions'],
  },
  {
    id: 'edu-irregular-income-budget',
    format: 'article',
    title: 'Budgeting with irregular income',
    summary: 'Plan around uneven paychecks with a baseline budget.',
    body:
      'When pay arrives at uneven intervals, budgeting from your lowest typical month gives you a floor to plan ' +
      'around. Extra income in stronger months can go first to a buffer, then to goals. Percentage-based budgets ' +
      'adjust on their own as income changes.',
    personas: ['variable_income_budgeter'],
    triggers: ['irregular_income'],
  },
  {
    id: 'edu-income-smoothing-worksheet',
    format: 'template',
    title: 'Income smoothing worksheet',
    summary: 'Pay yourself a steady amount from uneven deposits.',
    body:
      'This worksheet helps you pay yourself a steady amount each month from a holding account, even when deposits ' +
      'vary. You list expected income, essential costs and a target buffer, and the sheet suggests a monthly draw. ' +
      'It can make lean months more predictable.',
    personas: ['variable_income_budgeter'],
    triggers: ['irregular_income', 'thin_cash_buffer'],
  },
  {
    id: 'edu-cash-buffer',
    format: 'article',
    title: 'Building a one-month cash buffer',
    summary: 'A cushion in checking that carries you between paychecks.',
    body:
      'A cash buffer is the money in checking that carries you from one paycheck to the next. Growing it toward one ' +
      'month of expenses means a late or smaller deposit does not force hard choices. Setting aside a small share of ' +
      'every deposit is a steady way to build it.',
    personas: ['variable_income_budgeter'],
    triggers: ['thin_cash_buffer'],
  },
  {
    id: 'edu-automating-savings',
    format: 'article',
    title: 'Automating your savings',
    summary: 'Make saving the default with a payday transfer.',
    body:
      'Scheduling a transfer to savings on payday moves money before it can be spent elsewhere. Raising the amount a ' +
      'little each time your income rises keeps progress going without a big change in habits. Automation turns ' +
      'saving from a monthly decision into a default.',
    personas: ['savings_builder'],
    triggers: ['growing_savings'],
  },
  {
    id: 'edu-savings-goal-planner',
    format: 'template',
    title: 'Savings goal planner',
    summary: 'Give each goal an amount, a date and a monthly contribution.',
    body:
      'This planner lets you name each goal, set a target amount and date, and see the monthly amount each one ' +
      'needs. Splitting savings by goal makes progress easier to see. It also shows when a goal may need a longer timeline.',
    personas: ['savings_builder', 'young_professional'],
    triggers: ['growing_savings'],
  },
  {
    id: 'edu-high-yield-savings',
    format: 'article',
    title: 'How high-yield savings accounts work',
    summary: 'What sets them apart and what to compare.',
    body:
      'High-yield savings accounts pay more interest than typical checking or savings accounts, often at online ' +
      'banks. Deposits at insured banks are protected up to the legal limit. Rates can change over time, so it is ' +
      'worth comparing them once or twice a year.',
    personas: ['cash_flow_optimizer', 'savings_builder'],
    triggers: ['strong_emergency_fund', 'growing_savings'],
  },
  {
    id: 'edu-after-emergency-fund',
    format: 'article',
    title: 'After the emergency fund: next steps',
    summary: 'Options for cash beyond several months of expenses.',
    body:
      'Once several months of expenses are set aside, extra cash can work toward other goals. Common next steps ' +
      'include retirement contributions, paying down higher-rate debt, or saving for a planned purchase. How much ' +
      'cash to keep on hand is a personal choice that depends on job stability and obligations.',
    personas: ['cash_flow_optimizer'],
    triggers: ['strong_emergency_fund'],
  },
  {
    id: 'edu-credit-building-basics',
    format: 'article',
    title: 'Building credit from scratch',
    summary: 'The habits that establish a credit history.',
    body:
      'A credit history shows lenders how you have handled borrowing over time. Paying every bill on time and ' +
      'keeping card balances low are the two habits that matter most. A secured card or a small credit line used ' +
      'lightly and paid in full each month can help establish a record.',
    personas: ['young_professional'],
    triggers: ['low_credit_limit', 'short_history'],
  },
  {
    // Deliberately trips the tone guardrail (critical, shame_based): legacy copy that quotes a shaming label.
    // Kept so the review queue shows a real critical tone failure; see the module comment.
    id: 'edu-first-paychecks',
    format: 'article',
    title: 'Making your first paychecks go further',
    summary: 'Set up habits early, while your income is new.',
    body:
      'Early paychecks are a good time to set up habits that last. People without a budget are often called bad ' +
      'with money, but usually they simply do not have a plan yet. Deciding where each dollar goes before payday ' +
      'makes the next steps easier.',
    personas: ['young_professional'],
    triggers: ['short_history'],
  },
  {
    id: 'edu-first-budget',
    format: 'template',
    title: 'Your first budget: the 50/30/20 guideline',
    summary: 'A simple starting split for needs, wants and savings.',
    body:
      'The 50/30/20 guideline splits take-home pay into needs, wants and savings. It is a starting point rather than ' +
      'a rule, and many people adjust the shares to fit their costs. Tracking spending for one month shows how your ' +
      'numbers compare.',
    personas: ['young_professional', 'unclassified'],
    triggers: [],
  },
  {
    id: 'edu-monthly-money-check-in',
    format: 'template',
    title: 'A monthly money check-in',
    summary: 'Fifteen minutes a month on income, spending, savings and bills.',
    body:
      'Once a month, this template walks through income, spending, savings and upcoming bills in about fifteen ' +
      'minutes. Regular check-ins make surprises less likely and progress easier to see. It works for any budget size.',
    personas: ['unclassified', 'cash_flow_optimizer'],
    triggers: [],
  },
];

const OFFERS: PartnerOffer[] = [
  {
    id: 'offer-balance-transfer-card',
    partner: 'Northwind Bank',
    productKind: 'credit_card',
    title: '0% intro APR balance transfer card',
    summary: 'Move a card balance to a 0% introductory rate for 18 months.',
    body:
      'A balance transfer moves existing card debt to a new card with a lower introductory rate, usually for a ' +
      'one-time fee of 3% to 5% of the amount moved. Paying the balance down before the introductory period ends ' +
      'is what makes it worthwhile. The regular rate applies to anything left after that.',
    personas: ['high_utilization'],
    triggers: ['high_utilization', 'interest_charges'],
    predatory: false,
    eligibility: {
      minAgeYears: 18,
      minAnnualIncome: 25_000,
      maxCreditUtilizationPct: 90,
      minTotalCreditLimit: 1_000,
      excludeIfHolding: null,
    },
  },
  {
    id: 'offer-debt-consolidation-loan',
    partner: 'Harbor Credit Union',
    productKind: 'personal_loan',
    title: 'Fixed-rate debt consolidation loan',
    summary: 'One fixed monthly payment in place of several card balances.',
    body:
      'A consolidation loan replaces several card balances with one fixed monthly payment and a set payoff date. ' +
      'Rates depend on credit history and income, and are often lower than card rates. Comparing the total cost with ' +
      'your current payments shows whether it helps.',
    personas: ['high_utilization'],
    triggers: ['interest_charges', 'minimum_payment_only'],
    predatory: false,
    eligibility: {
      minAgeYears: 21,
      minAnnualIncome: 35_000,
      maxCreditUtilizationPct: 85,
      minTotalCreditLimit: null,
      excludeIfHolding: null,
    },
  },
  {
    id: 'offer-credit-counseling',
    partner: 'Clearpath Nonprofit Counseling',
    productKind: 'service',
    title: 'Free nonprofit credit counseling session',
    summary: 'Review your budget and debts with a certified counselor.',
    body:
      'A certified credit counselor reviews your income, debts and budget with you in a free session. They can ' +
      'explain options such as a debt management plan and help you prioritize payments. Nonprofit agencies are ' +
      'typically funded by grants and creditor contributions.',
    personas: ['high_utilization', 'variable_income_budgeter'],
    triggers: ['overdue', 'minimum_payment_only', 'thin_cash_buffer'],
    predatory: false,
    eligibility: adultsOnly(),
  },
  {
    id: 'offer-high-yield-savings',
    partner: 'Lakeside Online Bank',
    productKind: 'savings_account',
    title: 'High-yield savings account',
    summary: 'A variable rate above the national average, no monthly fee.',
    body:
      'This online savings account pays a variable rate above the national average, with no monthly fee and no ' +
      'minimum balance. Deposits are insured up to the legal limit. Transfers to and from your checking account ' +
      'usually take one to two business days.',
    personas: ['savings_builder', 'cash_flow_optimizer'],
    triggers: ['growing_savings', 'low_emergency_fund', 'strong_emergency_fund'],
    predatory: false,
    eligibility: {
      ...adultsOnly(),
      excludeIfHolding: { subtypes: ['savings', 'money market'], minSavingsBalance: 5_000 },
    },
  },
  {
    id: 'offer-money-market',
    partner: 'Lakeside Online Bank',
    productKind: 'savings_account',
    title: 'Money market account',
    summary: 'Savings-level interest with check-writing for planned expenses.',
    body:
      'A money market account pays interest comparable to high-yield savings and includes check-writing for larger ' +
      'planned expenses. Deposits are insured up to the legal limit. It can suit cash you want to keep accessible ' +
      'beyond your emergency fund.',
    personas: ['cash_flow_optimizer'],
    triggers: ['strong_emergency_fund'],
    predatory: false,
    eligibility: {
      ...adultsOnly(),
      excludeIfHolding: { subtypes: ['money market'], minSavingsBalance: null },
    },
  },
  {
    id: 'offer-budgeting-app',
    partner: 'Pennywise',
    productKind: 'app',
    title: 'Budgeting app with an irregular-income mode',
    summary: 'Categorize spending and plan around uneven paychecks.',
    body:
      'This app links to your accounts, sorts spending into categories and plans around uneven paychecks. It has a ' +
      'free tier, with an optional paid plan for shared budgets. You can export or delete your data at any time.',
    personas: ['variable_income_budgeter', 'young_professional', 'unclassified'],
    triggers: ['irregular_income', 'thin_cash_buffer'],
    predatory: false,
    eligibility: adultsOnly(),
  },
  {
    // Deliberately trips the tone guardrail (warning, pressure): the partner's own promotional summary.
    // Kept so the review queue shows a real tone failure; see the module comment.
    id: 'offer-subscription-manager',
    partner: 'SubTrim',
    productKind: 'app',
    title: 'Subscription manager',
    summary: 'Act now: this limited time offer gets you three months free.',
    body:
      'SubTrim lists every recurring charge it finds in your linked accounts and can cancel the ones you choose. It ' +
      'also alerts you before free trials convert to paid plans. After the introductory months the service costs ' +
      '$4.99 a month.',
    personas: ['subscription_heavy'],
    triggers: ['many_subscriptions', 'subscription_spend_high'],
    predatory: false,
    eligibility: adultsOnly(),
  },
  {
    id: 'offer-secured-credit-builder',
    partner: 'Northwind Bank',
    productKind: 'credit_card',
    title: 'Secured credit-builder card',
    summary: 'A refundable deposit becomes your credit limit.',
    body:
      'A secured card uses a refundable deposit as its credit limit and reports payments to the major credit ' +
      'bureaus. Using a small part of the limit and paying in full each month builds a positive history. Many ' +
      'issuers review accounts for an upgrade to an unsecured card after about a year.',
    personas: ['young_professional'],
    triggers: ['low_credit_limit', 'short_history'],
    predatory: false,
    eligibility: {
      ...adultsOnly(),
      excludeIfHolding: { subtypes: ['credit card'], minSavingsBalance: null },
    },
  },
  {
    id: 'offer-cash-back-card',
    partner: 'Summit Card Co.',
    productKind: 'credit_card',
    title: 'No-annual-fee cash back card',
    summary: '1.5% back on purchases, no annual fee.',
    body:
      'This card returns 1.5% on purchases with no annual fee. It suits people who already pay their balance in ' +
      'full each month, since interest would outweigh the rewards. Approval depends on income and credit history.',
    personas: ['cash_flow_optimizer', 'savings_builder'],
    triggers: ['strong_emergency_fund'],
    predatory: false,
    eligibility: {
      minAgeYears: 18,
      minAnnualIncome: 30_000,
      maxCreditUtilizationPct: 30,
      minTotalCreditLimit: 2_000,
      excludeIfHolding: null,
    },
  },
  {
    id: 'offer-round-up-savings',
    partner: 'Sprout Savings',
    productKind: 'app',
    title: 'Round-up automatic savings app',
    summary: 'Save the spare change from every card purchase.',
    body:
      'This app rounds each card purchase up to the next dollar and moves the difference into savings. You can add ' +
      'a fixed weekly transfer and pause at any time. Small amounts build a habit without a large monthly commitment.',
    personas: ['savings_builder', 'young_professional'],
    triggers: ['low_emergency_fund', 'growing_savings'],
    predatory: false,
    eligibility: adultsOnly(),
  },
  {
    id: 'offer-index-investing',
    partner: 'Meridian Invest',
    productKind: 'investment_account',
    title: 'Low-cost index investing account',
    summary: 'Broad index funds, low fees, no account minimum.',
    body:
      'This account invests in broad index funds with low annual fees and no account minimum. Investments can lose ' +
      'value, so it generally suits money you will not need for several years. Many people start once their ' +
      'emergency fund is in place.',
    personas: ['cash_flow_optimizer'],
    triggers: ['strong_emergency_fund'],
    predatory: false,
    // Investing while carrying expensive card balances rarely makes sense, hence the utilization cap.
    eligibility: { ...adultsOnly(), maxCreditUtilizationPct: 30 },
  },
  {
    // Predatory: never passes eligibility. Its copy is the lender's own.
    id: 'offer-payday-loan',
    partner: 'QuickCash Advance',
    productKind: 'short_term_credit',
    title: 'Payday loan until your next paycheck',
    summary: 'Borrow up to $500 today with guaranteed approval.',
    body:
      'Receive up to $500 by tomorrow and repay it from your next paycheck. A fee of $15 per $100 borrowed applies ' +
      'for each two-week term, which equals an annual rate near 400%. Loans can be renewed for another fee.',
    personas: ['variable_income_budgeter'],
    triggers: ['thin_cash_buffer', 'irregular_income'],
    predatory: true,
    eligibility: adultsOnly(),
  },
  {
    // Predatory: never passes eligibility.
    id: 'offer-cash-advance',
    partner: 'FastFunds',
    productKind: 'short_term_credit',
    title: 'High-fee cash advance line',
    summary: 'Draw cash at any ATM against a revolving line.',
    body:
      'Draw cash against a revolving line at any ATM. Each advance carries a 10% fee and a 35.99% rate that starts ' +
      'on the day of the withdrawal. There is no grace period.',
    personas: ['high_utilization', 'variable_income_budgeter'],
    triggers: ['overdue', 'thin_cash_buffer'],
    predatory: true,
    eligibility: adultsOnly(),
  },
];

/** The validated, frozen catalog. Importing this module throws `InvalidCatalogError` if it is invalid. */
export const CATALOG: Catalog = loadCatalog({ education: EDUCATION, offers: OFFERS });
