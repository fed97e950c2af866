package org.reskontro.letters.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.ledger.Language;
import org.reskontro.letters.RenderedLetter;
import org.reskontro.letters.SampleLetters;

class LetterRendererTest {

    @TempDir
    Path templates;

    @Test
    void norwegianReminder() throws Exception {
        RenderedLetter r = SampleLetters.renderer(templates).render(SampleLetters.letter(Language.NB, 3));
        System.out.println(r.subject());
        System.out.println(r.text());
        System.out.println(r.html());
        java.nio.file.Files.write(Path.of("/tmp/nb3.pdf"), r.pdf());
        assertThat(r.pdf()).isNotEmpty();
    }
}
