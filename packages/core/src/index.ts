// @rapport/core: the advice engine. Pure functions over data tables; no I/O, no clock, no randomness.
export {
  type Advice,
  adviseMoment,
  adviseUntrustedMoment,
  type MomentInput,
  parseMomentInput,
  type Reason,
} from './advise-moment.ts';
export {
  type CardContent,
  type CardQrFormat,
  cardQrPayload,
  type VisibleCardFields,
  visibleCardFields,
} from './card-fields.ts';
export {
  type CoachContext,
  type CoachFlag,
  type Coaching,
  coachMessage,
  parseCoachContext,
  type TextSpan,
} from './coach-message.ts';
export { type AskInput, type AskLine, composeAsk, parseAskInput } from './compose-ask.ts';
export { decodeVCardBytes } from './decode-vcard-bytes.ts';
export {
  DomainError,
  type DomainErrorCode,
  describeValue,
  type Parsed,
  type Problem,
  unwrapParsed,
} from './domain-error.ts';
export { formatVCard, formatVCards, type VCardInput, type VCardVersion } from './format-vcard.ts';
export { CUE_RULES, MOMENT_RULES } from './moment-rules.ts';
export { nameProblem } from './name-problem.ts';
export {
  notAVCard,
  parseVCards,
  readVCards,
  type VCardContact,
  type VCardEntry,
  type VCardParse,
} from './parse-vcards.ts';
export {
  type FollowUpPlan,
  isValidTimeZone,
  type PlanInput,
  parseMeetingTime,
  parsePlanInput,
  planFollowUp,
} from './plan-follow-up.ts';
export { PRACTICE_SCENARIOS, type PracticeScenario } from './practice-scenarios.ts';
export { parseQuietHours, type QuietHours } from './quiet-hours.ts';
export { type ReflectContext, type Reflection, reflect } from './reflect.ts';
export { findScenario, type PracticeResult, pickScenarios, scorePractice } from './score-practice.ts';
export { createSeededRandom } from './seeded-random.ts';
export {
  parseSocialHandle,
  profileUrl,
  SOCIAL_PLATFORM_NAMES,
  SOCIAL_PLATFORMS,
  type SocialHandle,
  type SocialPlatform,
} from './social-handles.ts';
export { splitPhoneExtension } from './split-phone-extension.ts';
export {
  type AskRecord,
  type Finding,
  type OutcomeSummary,
  summarizeOutcomes,
} from './summarize-outcomes.ts';
export * from './vocabulary.ts';
