package io.mooring.server.connectivity;

/** Character checks of the proxies' inputs, where a regular expression would be the slower way to say the same. */
final class Characters {
    private Characters() {}

    /** True when {@code text} is not empty and has only ASCII letters, digits and the characters of {@code others}. */
    static boolean onlyAlphanumericOr(String text, String others) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || others.indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
