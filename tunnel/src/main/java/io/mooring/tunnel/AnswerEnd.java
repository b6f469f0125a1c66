package io.mooring.tunnel;

/** Follows the last bytes of an answer on a lane ({@link AnswerFramer}). */
public enum AnswerEnd {
    INSTANCE
}
