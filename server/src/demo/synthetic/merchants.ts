/**
 * Merchants and Plaid personal-finance categories used by the generator.
 *
 * Everyday spending takes merchants in turn from pools large enough that the same shop, grocer,
 * restaurant or gas station comes back only every 40+ days, never at a weekly (6–8 days) or monthly
 * (26–35 days) rhythm: only the subscriptions below look like recurring merchants. (A favourite
 * grocer visited twice a week would not do: among its charges, the ones of similar amount fall about a
 * week apart, and recurring-charge detection rightly calls that weekly.) Bills paid by ACH (rent, utilities, loans, card payments,
 * transfers, interest) carry no merchant name, as Plaid usually reports them, for the same reason.
 */

export interface Category {
  primary: string;
  detailed: string;
}

export interface Merchant extends Category {
  name: string;
  channel: 'online' | 'in store';
}

export interface SubscriptionPlan extends Category {
  merchant: string;
  /** Price per charge, in cents. */
  priceCents: number;
  cadence: 'monthly' | 'weekly';
}

const tv = { primary: 'ENTERTAINMENT', detailed: 'ENTERTAINMENT_TV_AND_MOVIES' };
const music = { primary: 'ENTERTAINMENT', detailed: 'ENTERTAINMENT_MUSIC_AND_AUDIO' };
const games = { primary: 'ENTERTAINMENT', detailed: 'ENTERTAINMENT_VIDEO_GAMES' };
const gym = { primary: 'PERSONAL_CARE', detailed: 'PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS' };
const services = { primary: 'GENERAL_SERVICES', detailed: 'GENERAL_SERVICES_OTHER_GENERAL_SERVICES' };
const mealKit = { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_GROCERIES' };

export const SUBSCRIPTION_PLANS: readonly SubscriptionPlan[] = [
  { merchant: 'Netflix', priceCents: 1549, cadence: 'monthly', ...tv },
  { merchant: 'Spotify', priceCents: 1199, cadence: 'monthly', ...music },
  { merchant: 'Hulu', priceCents: 1799, cadence: 'monthly', ...tv },
  { merchant: 'Disney+', priceCents: 1399, cadence: 'monthly', ...tv },
  { merchant: 'Max', priceCents: 1699, cadence: 'monthly', ...tv },
  { merchant: 'YouTube Premium', priceCents: 1399, cadence: 'monthly', ...tv },
  { merchant: 'Apple Music', priceCents: 1099, cadence: 'monthly', ...music },
  { merchant: 'Audible', priceCents: 1495, cadence: 'monthly', ...music },
  { merchant: 'Planet Fitness', priceCents: 2499, cadence: 'monthly', ...gym },
  { merchant: 'Anytime Fitness', priceCents: 4199, cadence: 'monthly', ...gym },
  { merchant: 'iCloud+', priceCents: 999, cadence: 'monthly', ...services },
  { merchant: 'Google One', priceCents: 999, cadence: 'monthly', ...services },
  { merchant: 'Dropbox', priceCents: 1199, cadence: 'monthly', ...services },
  { merchant: 'Adobe Creative Cloud', priceCents: 2299, cadence: 'monthly', ...services },
  { merchant: 'Xbox Game Pass', priceCents: 1699, cadence: 'monthly', ...games },
  { merchant: 'HelloFresh', priceCents: 6999, cadence: 'weekly', ...mealKit },
];

/** Subscriptions cheap and common enough for customers who are not subscription-heavy. */
export const EVERYDAY_SUBSCRIPTIONS: readonly SubscriptionPlan[] = SUBSCRIPTION_PLANS.filter(
  (plan) => plan.cadence === 'monthly' && plan.priceCents < 2000,
);

const grocery = { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_GROCERIES' };
/** Sixteen, so that taking them in turn every 2–5 days revisits each one only every ~8 weeks. */
export const GROCERS: readonly Merchant[] = [
  { name: 'Kroger', channel: 'in store', ...grocery },
  { name: 'Safeway', channel: 'in store', ...grocery },
  { name: 'Whole Foods Market', channel: 'in store', ...grocery },
  { name: "Trader Joe's", channel: 'in store', ...grocery },
  { name: 'Publix', channel: 'in store', ...grocery },
  { name: 'H-E-B', channel: 'in store', ...grocery },
  { name: 'Aldi', channel: 'in store', ...grocery },
  { name: 'Wegmans', channel: 'in store', ...grocery },
  { name: 'Sprouts Farmers Market', channel: 'in store', ...grocery },
  { name: 'Food Lion', channel: 'in store', ...grocery },
  { name: 'Meijer', channel: 'in store', ...grocery },
  { name: 'Corner Deli & Market', channel: 'in store', ...grocery },
  { name: 'Saturday Farmers Market', channel: 'in store', ...grocery },
  { name: 'Instacart', channel: 'online', ...grocery },
  { name: 'Amazon Fresh', channel: 'online', ...grocery },
  { name: 'Walmart Grocery', channel: 'online', ...grocery },
];

const restaurant = { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_RESTAURANT' };
const coffee = { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_COFFEE' };
const fastFood = { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_FAST_FOOD' };
export const EATERIES: readonly Merchant[] = [
  { name: 'Starbucks', channel: 'in store', ...coffee },
  { name: "Dunkin'", channel: 'in store', ...coffee },
  { name: "Peet's Coffee", channel: 'in store', ...coffee },
  { name: 'Blue Bottle Coffee', channel: 'in store', ...coffee },
  { name: 'Chipotle', channel: 'in store', ...fastFood },
  { name: 'Sweetgreen', channel: 'in store', ...fastFood },
  { name: 'Shake Shack', channel: 'in store', ...fastFood },
  { name: 'Panera Bread', channel: 'in store', ...fastFood },
  { name: 'Five Guys', channel: 'in store', ...fastFood },
  { name: 'Chick-fil-A', channel: 'in store', ...fastFood },
  { name: "McDonald's", channel: 'in store', ...fastFood },
  { name: 'Taco Bell', channel: 'in store', ...fastFood },
  { name: 'Subway', channel: 'in store', ...fastFood },
  { name: "Domino's", channel: 'online', ...fastFood },
  { name: 'Olive Garden', channel: 'in store', ...restaurant },
  { name: 'The Cheesecake Factory', channel: 'in store', ...restaurant },
  { name: 'Texas Roadhouse', channel: 'in store', ...restaurant },
  { name: "P.F. Chang's", channel: 'in store', ...restaurant },
  { name: 'Red Robin', channel: 'in store', ...restaurant },
  { name: "Applebee's", channel: 'in store', ...restaurant },
  { name: 'Buffalo Wild Wings', channel: 'in store', ...restaurant },
  { name: "Nando's", channel: 'in store', ...restaurant },
  { name: 'Benihana', channel: 'in store', ...restaurant },
  { name: 'Outback Steakhouse', channel: 'in store', ...restaurant },
  { name: 'Corner Bistro', channel: 'in store', ...restaurant },
  { name: 'Golden Dragon', channel: 'in store', ...restaurant },
  { name: "Luigi's Trattoria", channel: 'in store', ...restaurant },
  { name: 'Sakura Sushi', channel: 'in store', ...restaurant },
  { name: 'DoorDash', channel: 'online', ...restaurant },
  { name: 'Uber Eats', channel: 'online', ...restaurant },
];

const gas = { primary: 'TRANSPORTATION', detailed: 'TRANSPORTATION_GAS' };
export const GAS_STATIONS: readonly Merchant[] = [
  'Shell',
  'Chevron',
  'ExxonMobil',
  'BP',
  'Costco Gas',
  'Speedway',
].map((name) => ({ name, channel: 'in store' as const, ...gas }));

const marketplace = { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES' };
const superstore = { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_SUPERSTORES' };
const clothing = { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES' };
const electronics = { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_ELECTRONICS' };
const home = { primary: 'HOME_IMPROVEMENT', detailed: 'HOME_IMPROVEMENT_HARDWARE' };
const pharmacy = { primary: 'MEDICAL', detailed: 'MEDICAL_PHARMACIES_AND_SUPPLEMENTS' };
export const SHOPS: readonly Merchant[] = [
  { name: 'Amazon', channel: 'online', ...marketplace },
  { name: 'eBay', channel: 'online', ...marketplace },
  { name: 'Etsy', channel: 'online', ...marketplace },
  { name: 'Target', channel: 'in store', ...superstore },
  { name: 'Walmart', channel: 'in store', ...superstore },
  { name: 'Costco', channel: 'in store', ...superstore },
  { name: 'Old Navy', channel: 'in store', ...clothing },
  { name: 'Uniqlo', channel: 'in store', ...clothing },
  { name: 'Nordstrom', channel: 'online', ...clothing },
  { name: 'Zara', channel: 'in store', ...clothing },
  { name: 'Best Buy', channel: 'in store', ...electronics },
  { name: 'Apple Store', channel: 'in store', ...electronics },
  { name: 'Newegg', channel: 'online', ...electronics },
  { name: 'Home Depot', channel: 'in store', ...home },
  { name: "Lowe's", channel: 'in store', ...home },
  { name: 'IKEA', channel: 'in store', ...home },
  { name: 'CVS Pharmacy', channel: 'in store', ...pharmacy },
  { name: 'Walgreens', channel: 'in store', ...pharmacy },
];

export const CATEGORY = {
  wages: { primary: 'INCOME', detailed: 'INCOME_WAGES' },
  rent: { primary: 'RENT_AND_UTILITIES', detailed: 'RENT_AND_UTILITIES_RENT' },
  electricity: { primary: 'RENT_AND_UTILITIES', detailed: 'RENT_AND_UTILITIES_GAS_AND_ELECTRICITY' },
  internet: { primary: 'RENT_AND_UTILITIES', detailed: 'RENT_AND_UTILITIES_INTERNET_AND_CABLE' },
  phone: { primary: 'RENT_AND_UTILITIES', detailed: 'RENT_AND_UTILITIES_TELEPHONE' },
  mortgagePayment: { primary: 'LOAN_PAYMENTS', detailed: 'LOAN_PAYMENTS_MORTGAGE_PAYMENT' },
  studentLoanPayment: { primary: 'LOAN_PAYMENTS', detailed: 'LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT' },
  carPayment: { primary: 'LOAN_PAYMENTS', detailed: 'LOAN_PAYMENTS_CAR_PAYMENT' },
  cardPayment: { primary: 'LOAN_PAYMENTS', detailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT' },
  transferOut: { primary: 'TRANSFER_OUT', detailed: 'TRANSFER_OUT_ACCOUNT_TRANSFER' },
  transferIn: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_ACCOUNT_TRANSFER' },
  interestCharge: { primary: 'BANK_FEES', detailed: 'BANK_FEES_INTEREST_CHARGE' },
  lateFee: { primary: 'BANK_FEES', detailed: 'BANK_FEES_LATE_PAYMENT' },
} as const satisfies Record<string, Category>;
