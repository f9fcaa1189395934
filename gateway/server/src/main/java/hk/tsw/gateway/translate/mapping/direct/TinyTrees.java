package hk.tsw.gateway.translate.mapping.direct;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.EmptyStackException;
import java.util.Stack;

import net.sf.saxon.event.Builder;
import net.sf.saxon.event.PipelineConfiguration;
import net.sf.saxon.om.TreeModel;
import net.sf.saxon.tree.tiny.TinyBuilder;

/**
 * Saxon tiny trees built without a lock per element. Saxon-HE 12's {@link TinyBuilder} keeps the namespaces of the
 * open elements in a {@link Stack}, a synchronised {@code Vector}: every element takes {@code isEmpty}, {@code peek},
 * {@code push} and {@code pop} (five lock operations), about 8 % of the engine's CPU with the reader's tree and the
 * mapping's output tree together. A builder is used by one thread only, so the builders made here hold the same stack
 * without the locks ({@link LeanStack}); the tree they build is the same. Should a Saxon version no longer have that
 * field, the builders keep their own stack: slower, still the same tree ({@link #lean} then says false, and
 * {@code TinyTreesTest} fails, so an upgrade is noticed).
 */
public final class TinyTrees {

    private static final Field STACK = stackField();

    /** The tiny tree model (what {@link TreeModel#TINY_TREE} makes: the same statistics), with lean builders. */
    public static final TreeModel MODEL = new TreeModel() {
        @Override
        public Builder makeBuilder(PipelineConfiguration pipe) {
            TinyBuilder b = builder(pipe);
            b.setStatistics(pipe.getConfiguration().getTreeStatistics().SOURCE_DOCUMENT_STATISTICS);
            return b;
        }

        @Override
        public int getSymbolicValue() {
            return TreeModel.TINY_TREE.getSymbolicValue();
        }

        @Override
        public boolean isSchemaAware() {
            return TreeModel.TINY_TREE.isSchemaAware();
        }

        @Override
        public String getName() {
            return TreeModel.TINY_TREE.getName();
        }
    };

    private TinyTrees() {
    }

    /** A tiny-tree builder whose namespace stack takes no lock; for one thread, as every builder. */
    public static TinyBuilder builder(PipelineConfiguration pipe) {
        TinyBuilder b = new TinyBuilder(pipe);
        if (STACK != null) {
            try {
                STACK.set(b, new LeanStack<>());
            } catch (IllegalAccessException | RuntimeException e) {
                // keep the builder's own stack: same tree
            }
        }
        return b;
    }

    /** Whether the builder's namespace stack is the lean one. */
    static boolean lean(TinyBuilder b) {
        try {
            return STACK != null && STACK.get(b) instanceof LeanStack;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    private static Field stackField() {
        try {
            Field f = TinyBuilder.class.getDeclaredField("namespaceStack");
            if (f.getType() != Stack.class) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A stack without locks for the methods {@link TinyBuilder} calls ({@code push}, {@code pop}, {@code peek},
     * {@code isEmpty}, and {@code empty} and {@code size} for good measure). The {@code Vector} underneath stays
     * empty: nothing else of it may be used.
     */
    static final class LeanStack<E> extends Stack<E> {
        private static final long serialVersionUID = 1L;
        private transient Object[] items = new Object[16];
        private transient int count;

        @Override
        public E push(E item) {
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
            }
            items[count++] = item;
            return item;
        }

        @Override
        public E pop() {
            E top = peek();
            items[--count] = null;
            return top;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E peek() {
            if (count == 0) {
                throw new EmptyStackException();
            }
            return (E) items[count - 1];
        }

        @Override
        public boolean isEmpty() {
            return count == 0;
        }

        @Override
        public boolean empty() {
            return count == 0;
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
