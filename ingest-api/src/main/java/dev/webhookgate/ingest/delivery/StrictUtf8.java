package dev.webhookgate.ingest.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing past U+10FFFF, no stray continuation bytes. */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    static boolean isValid(byte[] bytes) {
        return decode(bytes).isPresent();
    }

    static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
