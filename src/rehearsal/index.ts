export { questionForm, sentencesOf, type QuestionForm } from './question-forms';
export {
  topicTimeline,
  pilotTimings,
  questionAt,
  expectedDuration,
  plannedMinutesFromPilot,
  type TopicTouch,
  type PilotTimings,
  type SectionTiming,
  type QuestionTiming,
  type TimedSession,
  type ExpectedDuration,
} from './timings';
export {
  rehearsalFeedback,
  LONG_TURN_WORDS,
  LONG_TURN_SECONDS,
  INTERVIEWER_SHARE_LIMIT,
  type RehearsalFeedback,
  type TalkRatio,
  type FormFinding,
  type LongTurn,
  type RepeatedQuestion,
} from './feedback';
