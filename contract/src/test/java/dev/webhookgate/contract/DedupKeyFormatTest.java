package dev.webhookgate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The hand-written key check must say exactly what docs/api.md's key regex says. */
class DedupKeyFormatTest {

    @Property(tries = 2000)
    void keyCheckAgreesWithTheContractRegex(@ForAll("nearlyKeys") String candidate) {
        assertThat(DedupKey.isValidKey(candidate)).isEqualTo(DedupKey.KEY_FORMAT.matcher(candidate).matches());
    }

    @Provide
    Arbitrary<String> nearlyKeys() {
        // mostly allowed characters, with the odd one that is not, around the 255 limit too
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.chars().alpha().numeric().with('_', '-')),
                Tuple.of(1, Arbitraries.chars().with(' ', ':', '\n', 'é', '\u0000', '.', '"', '/', '+', '=')));
        return Arbitraries.oneOf(
                chars.list().ofMinSize(0).ofMaxSize(20).map(DedupKeyFormatTest::join),
                chars.list().ofMinSize(250).ofMaxSize(260).map(DedupKeyFormatTest::join));
    }

    private static String join(List<Character> chars) {
        StringBuilder text = new StringBuilder(chars.size());
        chars.forEach(text::append);
        return text.toString();
    }
}
