package dev.switchboard.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Core's public API must not leak Netty, Jackson or internal types: users of core should be free to
 * pick their transport and JSON library, and internals must stay changeable.
 */
class PublicApiBoundaryTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard.core");

    static boolean forbidden(JavaClass type) {
        String name = type.getName();
        return name.startsWith("io.netty.") || name.startsWith("tools.jackson.")
                || name.startsWith("com.fasterxml.jackson.") || type.getPackageName().contains(".internal");
    }

    private static final DescribedPredicate<JavaMember> PUBLIC_API_MEMBER = new DescribedPredicate<>(
            "public members of public, non-internal core types") {
        @Override
        public boolean test(JavaMember member) {
            JavaClass owner = member.getOwner();
            boolean visible = member.getModifiers().contains(JavaModifier.PUBLIC)
                    || member.getModifiers().contains(JavaModifier.PROTECTED);
            return visible && owner.getModifiers().contains(JavaModifier.PUBLIC)
                    && !owner.getPackageName().contains(".internal");
        }
    };

    static final ArchCondition<JavaMember> NOT_EXPOSE_FORBIDDEN_TYPES = new ArchCondition<>(
            "not mention Netty, Jackson or internal types in their signature") {
        @Override
        public void check(JavaMember member, ConditionEvents events) {
            Set<JavaClass> involved = new HashSet<>();
            if (member instanceof JavaCodeUnit unit) {
                involved.addAll(unit.getReturnType().getAllInvolvedRawTypes());
                unit.getParameterTypes().forEach(t -> involved.addAll(t.getAllInvolvedRawTypes()));
                unit.getThrowsClause().getTypes().forEach(involved::add);
            } else if (member instanceof JavaField field) {
                involved.addAll(field.getType().getAllInvolvedRawTypes());
            }
            for (JavaClass type : involved) {
                if (forbidden(type)) {
                    events.add(SimpleConditionEvent.violated(member, member.getFullName() + " exposes " + type.getName()));
                }
            }
        }
    };

    static final ArchCondition<JavaClass> NOT_EXTEND_FORBIDDEN_TYPES = new ArchCondition<>(
            "not extend or implement Netty, Jackson or internal types") {
        @Override
        public void check(JavaClass type, ConditionEvents events) {
            Set<JavaClass> supertypes = new HashSet<>(type.getRawInterfaces());
            type.getRawSuperclass().ifPresent(supertypes::add);
            for (JavaClass s : supertypes) {
                if (forbidden(s)) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " extends " + s.getName()));
                }
            }
        }
    };

    @Test
    void publicSignaturesStayFreeOfNettyJacksonAndInternals() {
        ArchRule rule = members().that(PUBLIC_API_MEMBER).should(NOT_EXPOSE_FORBIDDEN_TYPES);
        rule.check(CORE);
    }

    @Test
    void publicTypesDoNotInheritFromNettyJacksonOrInternals() {
        ArchRule rule = classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
                .should(NOT_EXTEND_FORBIDDEN_TYPES);
        rule.check(CORE);
    }

    @Test
    void theRuleCatchesALeak() {
        // A rule that cannot fail proves nothing: run it on a class that does leak a Jackson type.
        JavaClasses leaky = new ClassFileImporter().importClasses(Leaky.class);
        ArchRule rule = members().that(new DescribedPredicate<JavaMember>("public members") {
            @Override
            public boolean test(JavaMember m) {
                return m.getModifiers().contains(JavaModifier.PUBLIC);
            }
        }).should(NOT_EXPOSE_FORBIDDEN_TYPES);
        assertThat(rule.evaluate(leaky).hasViolation()).isTrue();
        assertThat(rule.evaluate(leaky).getFailureReport().getDetails())
                .anyMatch(d -> d.contains("tools.jackson.databind.json.JsonMapper"))
                .anyMatch(d -> d.contains("dev.switchboard.core.internal.Json"));
    }

    public static class Leaky {
        public tools.jackson.databind.json.JsonMapper mapper() {
            return dev.switchboard.core.internal.Json.mapper();
        }

        public void take(java.util.List<dev.switchboard.core.internal.Json> list) {}
    }
}
