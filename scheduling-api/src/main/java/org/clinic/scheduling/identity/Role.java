package org.clinic.scheduling.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles a token carries in its {@code groups} claim. */
public enum Role {
    PATIENT, DOCTOR, STAFF, ADMIN;

    /** Storage form: comma-separated, in declaration order. */
    public static String join(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    public static Set<Role> split(String stored) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
