package org.clinic.scheduling.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(12);

    @Test
    void acceptsALongUnrelatedPassphrase() {
        assertThat(policy.violation("tulips under the bridge", "ana@x.org", "Ana", "Silva")).isEmpty();
    }

    @Test
    void refusesShortPasswordsCountingCharactersNotBytes() {
        assertThat(policy.violation("elevenchars", "a@x.org", "A", "B")).hasValueSatisfying(r -> assertThat(r).contains("12"));
        assertThat(policy.violation("ççççççççççç", "a@x.org", "A", "B")).isPresent();
        assertThat(policy.violation("çççççççççççç", "a@x.org", "A", "B")).isEmpty();
    }

    @Test
    void refusesWhatBcryptWouldTruncate() {
        assertThat(policy.violation("x".repeat(73), "a@x.org", "A", "B")).hasValueSatisfying(r -> assertThat(r).contains("72"));
        assertThat(policy.violation("x".repeat(72), "a@x.org", "A", "B")).isEmpty();
    }

    @Test
    void refusesPasswordsBuiltFromTheEmailOrName() {
        assertThat(policy.violation("my name is Silvana!!", "ana@x.org", "Ana", "Silva")).isPresent();
        assertThat(policy.violation("ana.costa.2024!!", "ana.costa@x.org", "Jo", "Li")).isPresent();
    }
}
