package io.mooring.tunnel;

import io.netty.buffer.ByteBuf;

/** Reading an HTTP/1.1 head where it lies, without turning it into strings: names compared in any case. */
public final class HeadBytes {
    private HeadBytes() {}

    /** True when the bytes from {@code from} to {@code to} are {@code lowerCaseName}, in any case. */
    public static boolean isName(ByteBuf bytes, int from, int to, CharSequence lowerCaseName) {
        return to - from == lowerCaseName.length() && startsWith(bytes, from, to, lowerCaseName);
    }

    /** True when the bytes from {@code from} to {@code to} start with {@code lowerCasePrefix}, in any case. */
    public static boolean startsWith(ByteBuf bytes, int from, int to, CharSequence lowerCasePrefix) {
        if (to - from < lowerCasePrefix.length()) {
            return false;
        }
        for (int i = 0; i < lowerCasePrefix.length(); i++) {
            byte b = bytes.getByte(from + i);
            if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lowerCasePrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Space, tab, or the line end's CR or LF: what surrounds a header's value. */
    public static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
