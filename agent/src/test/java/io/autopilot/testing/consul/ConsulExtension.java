package io.autopilot.testing.consul;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** {@link RealConsul}: one dev agent per test class, kept in the class's store, which closes it after the class. */
public final class ConsulExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsulExtension.class);

    /** Lets JUnit close the agent with the class's store. */
    private record Running(ConsulAgent agent) implements AutoCloseable {
        @Override
        public void close() {
            agent.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        agent(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConsulAgent.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return agent(context);
    }

    private static ConsulAgent agent(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                ? context.getParent().orElse(context) : context;
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> new Running(start(classContext)), Running.class).agent();
    }

    /** The class's (or, for a subclass that asks again, the subclass's) {@link RealConsul} says where. */
    private static ConsulAgent start(ExtensionContext classContext) {
        RealConsul.Where where = AnnotationSupport.findAnnotation(classContext.getRequiredTestClass(), RealConsul.class)
                .map(RealConsul::value).orElse(RealConsul.Where.CHOSEN);
        return where == RealConsul.Where.DOCKER ? TestConsul.devInDocker() : TestConsul.dev();
    }
}
