<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.inception</name>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>Click a channel to see it in the feature-map dock.</source>
      <translation>点击一个通道，在特征图面板中查看它。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>avg-pool</source>
      <translation>平均池化</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>max-pool</source>
      <translation>最大池化</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>lp-pool</source>
      <translation>Lp 池化</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>identity</source>
      <translation>恒等</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>Its branches: {built} MACs as built, {direct} without their 1×1 reductions (&lt;b&gt;{ratio}×&lt;/b&gt;).</source>
      <translation>它的各分支：按实际结构 {built} 次乘加，去掉 1×1 降维则为 {direct} 次（&lt;b&gt;{ratio}×&lt;/b&gt;）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>The whole block: {built} MACs as built, {direct} without its 1×1 reductions (&lt;b&gt;{ratio}×&lt;/b&gt;).</source>
      <translation>整个模块：按实际结构 {built} 次乘加，去掉 1×1 降维则为 {direct} 次（&lt;b&gt;{ratio}×&lt;/b&gt;）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source> Here the block's input has only {channels} channels, fewer than its 1×1 convolutions make, so they cost more than they save: the trick pays when the input is wide.</source>
      <translation>这里模块的输入只有 {channels} 个通道，比它的 1×1 卷积输出的通道还少，所以 1×1 卷积花的比省的多：输入通道多时，这个技巧才划算。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>branch</source>
      <translation>分支</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>weights</source>
      <translation>权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>MACs</source>
      <translation>乘加次数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>weights&lt;br&gt;without 1×1</source>
      <translation>权重&lt;br&gt;去掉 1×1</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>MACs&lt;br&gt;without 1×1</source>
      <translation>乘加次数&lt;br&gt;去掉 1×1</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>saving</source>
      <translation>节省</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>&lt;b&gt;Why 1×1?&lt;/b&gt; A 1×1 convolution first shrinks the channels a wide kernel has to read. Without it, each wider kernel ({kernels}) would read all {channels} input channels of the block.</source>
      <translation>&lt;b&gt;为什么用 1×1？&lt;/b&gt;1×1 卷积先减少大卷积核要读取的通道数。没有它，每个更大的卷积核（{kernels}）都要读取模块全部 {channels} 个输入通道。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>Inception</source>
      <translation>Inception</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>Inception block</source>
      <translation>Inception 模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>an Inception block</source>
      <translation>一个 Inception 模块</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>&lt;b&gt;Share of the block's activation energy&lt;/b&gt; (sum of squares of each branch's output)</source>
      <translation>&lt;b&gt;各分支占模块激活能量的比例&lt;/b&gt;（每个分支输出的平方和）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>{model} has no Inception blocks: no layer's output is a concatenation of parallel branches.
Try googlenet, inception_v3 or mnist_inception.</source>
      <translation>{model} 没有 Inception 模块：没有哪一层的输出是并行分支的拼接。
可以试试 googlenet、inception_v3 或 mnist_inception。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>Inception-ResNet: the concatenation begins the block's residual path, {path} (the Residual dock shows x, F(x) and the sum).</source>
      <translation>Inception-ResNet：这个拼接是模块残差路径的开头，{path}（残差面板显示 x、F(x) 及其和）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>&lt;b&gt;{path}&lt;/b&gt; ({type}): {branches} branches concatenated into {channels} channels of {h}×{w}; one colour scale for all ({scale}, {cmap}).</source>
      <translation>&lt;b&gt;{path}&lt;/b&gt;（{type}）：{branches} 个分支拼接成 {channels} 个 {h}×{w} 的通道；全部使用同一色标（{scale}，{cmap}）。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>channels {first}–{last} of the concatenation ({shown} shown)</source>
      <translation>拼接结果的第 {first}–{last} 通道（显示 {shown} 个）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>channels {first}–{last} of the output ({shown} shown)</source>
      <translation>输出的第 {first}–{last} 通道（显示 {shown} 个）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>{shown} strongest of {channels}</source>
      <translation>{channels} 个中最强的 {shown} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/inception.py" />
      <source>branch {number}: {unit}</source>
      <translation>分支 {number}：{unit}</translation>
    </message>
  </context>
</TS>
