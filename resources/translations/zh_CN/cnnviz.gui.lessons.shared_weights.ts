<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.shared_weights</name>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Reset</source>
      <translation>复位</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Back to the original position</source>
      <translation>回到原来的位置</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>The layer whose feature maps are drawn for both inputs</source>
      <translation>为两个输入绘制其特征图的层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>waiting for the image…</source>
      <translation>正在等待图像…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>waiting for the maps…</source>
      <translation>正在等待特征图…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>similarity to the original</source>
      <translation>与原图的相似度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>at the same places</source>
      <translation>在相同位置</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>moved along with the input</source>
      <translation>随输入一起平移后</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Shift right</source>
      <translation>向右平移</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Shift down</source>
      <translation>向下平移</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Rotate</source>
      <translation>旋转</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Layer</source>
      <translation>层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Original</source>
      <translation>原图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Moved</source>
      <translation>移动后</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>{n} px</source>
      <translation>{n} 像素</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>{n}°</source>
      <translation>{n}°</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>predicted {name}
({p:.1f} %)</source>
      <translation>预测为 {name}
（{p:.1f} %）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>this layer has no maps</source>
      <translation>该层没有特征图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>{layer}: stride {stride}, so its maps should move {x:g} of their pixels right and {y:g} down (the shift divided by the stride).</source>
      <translation>{layer}：步幅 {stride}，所以它的特征图应向右移动 {x:g} 个自身像素、向下移动 {y:g} 个（平移量除以步幅）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Drawn: its first {shown} of {channels} channels.</source>
      <translation>图中画出的是它 {channels} 个通道中的前 {shown} 个。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Moved along, the original maps match the moved input's with similarity {s:.3f} ({n} positions away from the borders).</source>
      <translation>把原图的特征图跟着平移后，它与移动后输入的特征图的相似度为 {s:.3f}（比较了远离边界的 {n} 个位置）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>A rotation is not a shift: nothing moves the maps along with it.</source>
      <translation>旋转不是平移：无法把特征图跟着它一起移动来比较。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>Its receptive fields are too wide: no unit stays away from the borders.</source>
      <translation>它的感受野太大：没有任何单元能远离边界。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/shared_weights.py" />
      <source>&lt;b&gt;{layer}&lt;/b&gt;: {weights:,} weights + {biases:,} biases, the same ones at all {positions} positions. A fully connected layer from the same {n_in:,} inputs to the same {n_out:,} outputs needs {linear:,} weights + {linear_biases:,} biases: {ratio:,.0f} times as many.</source>
      <translation>&lt;b&gt;{layer}&lt;/b&gt;：{weights:,} 个权重 + {biases:,} 个偏置，在全部 {positions} 个位置上使用的都是同一组。从同样的 {n_in:,} 个输入到同样的 {n_out:,} 个输出，全连接层需要 {linear:,} 个权重 + {linear_biases:,} 个偏置：是卷积的 {ratio:,.0f} 倍。</translation>
    </message>
  </context>
</TS>
