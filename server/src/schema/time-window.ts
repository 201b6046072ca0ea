import { builder } from './builder.js';

export const TimeWindowEnum = builder.enumType('TimeWindow', {
  description: 'The window signals are computed over, ending at the reference date.',
  values: {
    D30: { description: 'The last 30 days.' },
    D180: { description: 'The last 180 days.' },
  },
});
