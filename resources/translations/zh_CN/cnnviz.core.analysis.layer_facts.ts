<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.layer_facts</name>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>'{key}' is branch {n} of the Inception block '{block}' (one of the parallel paths it concatenates). The facts below are the whole block's.</source>
      <translation>“{key}”是 Inception 模块“{block}”的分支 {n}（它所拼接的并行路径之一）。下面的信息是整个模块的。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>'{key}' is the shortcut added in the residual block '{block}' (its input, or its projection). The facts below are the whole block's.</source>
      <translation>“{key}”是残差模块“{block}”中加上的捷径连接（模块的输入或它的投影）。下面的信息是整个模块的。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>'{key}' is the residual path F(x) added in the block '{block}'. The facts below are the whole block's.</source>
      <translation>“{key}”是模块“{block}”中加上的残差路径 F(x)。下面的信息是整个模块的。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>'{key}' is x + F(x) of the residual block '{block}', before the activation that follows. The facts below are the whole block's.</source>
      <translation>“{key}”是残差模块“{block}”的 x + F(x)，在其后的激活之前。下面的信息是整个模块的。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>'{key}' is the part '{part}' of the block '{block}'. The facts below are the whole block's.</source>
      <translation>“{key}”是模块“{block}”的部分“{part}”。下面的信息是整个模块的。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>the whole input ({size} px)</source>
      <translation>整个输入（{size} 像素）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>{size} px, stride {stride} px</source>
      <translation>{size} 像素，步幅 {stride} 像素</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>no layer named '{key}' in this model</source>
      <translation>这个模型中没有名为“{key}”的层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>This module is never called in the forward pass (in eval mode): no shape or cost.</source>
      <translation>这个模块在前向传播中（评估模式下）从未被调用：没有形状和计算量。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>'{key}' is call {call} of the module '{path}' (used more than once); shape, MACs and receptive field below are those of its first call.</source>
      <translation>“{key}”是模块“{path}”的第 {call} 次调用（该模块被多次使用）；下面的形状、乘加次数和感受野都是它第一次调用时的。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>The preprocessed image as the network receives it: each unit is one pixel.</source>
      <translation>网络接收到的预处理后的图像：每个单元就是一个像素。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>The model's output (its class scores); parameters and MACs are the whole network's.</source>
      <translation>模型的输出（各类别的得分）；参数和乘加次数是整个网络的。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>No parameters: applied to each value on its own, so the shape and the receptive field stay as they were.</source>
      <translation>没有参数：逐个作用在每个值上，所以形状和感受野都保持不变。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>in channels</source>
      <translation>输入通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>out channels</source>
      <translation>输出通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>kernel</source>
      <translation>卷积核</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>stride</source>
      <translation>步幅</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>padding</source>
      <translation>填充</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>dilation</source>
      <translation>膨胀率</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>groups</source>
      <translation>分组数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>bias</source>
      <translation>偏置</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>output padding</source>
      <translation>输出填充</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>padding mode</source>
      <translation>填充模式</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>ceil mode</source>
      <translation>向上取整</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>count include pad</source>
      <translation>平均时计入填充</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>output size</source>
      <translation>输出尺寸</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>in features</source>
      <translation>输入特征数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>out features</source>
      <translation>输出特征数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>features</source>
      <translation>特征数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>affine</source>
      <translation>仿射变换</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>{weights} in all, plus {biases} biases</source>
      <translation>共 {weights} 个，另加 {biases} 个偏置</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>{weights} in all</source>
      <translation>共 {weights} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>Weight sharing: {filters} filters of {size} weights ({in_all}) slide over the whole input. A fully connected layer from the same input ({input} = {inputs} values) to the same output ({output} = {outputs} values) would need {fc} weights, {ratio} as many.</source>
      <translation>权重共享：{filters} 个 {size} 的滤波器（{in_all}）在整个输入上滑动。一个从同样的输入（{input} = {inputs} 个值）到同样的输出（{output} = {outputs} 个值）的全连接层需要 {fc} 个权重，是它的 {ratio}。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>{n} channel</source>
      <translation> {n} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>{n} channels</source>
      <translation> {n} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>{n} channel each</source>
      <translation>每组 {n} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>{n} channels each</source>
      <translation>每组 {n} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>The count does not depend on the image size: a {kernel} conv with {filters} filters on {on} has {weights} weights however large the picture.</source>
      <translation>权重数量与图像大小无关：一个有 {filters} 个滤波器的 {kernel} 卷积作用于{on}，无论图像多大，都是 {weights} 个权重。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>Depthwise: each input channel has its own filter</source>
      <translation>深度卷积：每个输入通道有自己的滤波器</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>Grouped: {groups} groups, each filter sees {seen} of the {channels} input channels</source>
      <translation>分组卷积：{groups} 组，每个滤波器只看 {channels} 个输入通道中的 {seen} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>{kind}, so {weights} weights instead of {dense} for a dense {kernel} conv from {inputs} to {outputs} channels ({ratio} fewer).</source>
      <translation>{kind}，所以只需 {weights} 个权重，而从 {inputs} 到 {outputs} 个通道的普通 {kernel} 卷积需要 {dense} 个（少 {ratio}）。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>A 1x1 convolution mixes channels at each position on its own: a small fully connected layer from {inputs} to {outputs} values, applied at every pixel.</source>
      <translation>1x1 卷积在每个位置上单独混合各通道：相当于一个从 {inputs} 个值到 {outputs} 个值的小全连接层，作用在每个像素上。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>Transposed convolution: it spreads each input value over a kernel-sized patch of a larger output (upsampling).</source>
      <translation>转置卷积：把每个输入值铺到更大输出上一块卷积核大小的区域里（上采样）。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>max</source>
      <translation>最大值</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>average</source>
      <translation>平均值</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>, turning {input} into {output}</source>
      <translation>，把 {input} 变为 {output}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>over each of the {size} output's bins</source>
      <translation>在输出的 {size} 个区域中的每一个上</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>over each {size} window (stride {stride})</source>
      <translation>在每个 {size} 窗口上（步幅 {stride}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>No parameters: a fixed {how} {where}{shrink}. Nothing here is learned.</source>
      <translation>没有参数：{where}取固定的{how}{shrink}。这里没有任何要学习的东西。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source> (+{biases} biases)</source>
      <translation>（另加 {biases} 个偏置）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>Fully connected: each of its {outputs} outputs has its own weight for each of its {inputs} inputs: {weights} weights{bias}, no sharing.</source>
      <translation>全连接：它的 {outputs} 个输出中，每一个对 {inputs} 个输入中的每一个都有自己的权重：共 {weights} 个权重{bias}，没有共享。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>2 learned values per channel (scale and shift) = {params} parameters</source>
      <translation>加上每个通道 2 个学习得到的值（缩放和平移）= {params} 个参数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>no learned values</source>
      <translation>不再有学习得到的值</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>Normalises each of the {channels} channels with running mean and variance (statistics, not learned), then {learned}. Shape and receptive field are unchanged.</source>
      <translation>用滑动平均的均值和方差（统计得到，不是学习得到的）对 {channels} 个通道逐一归一化，然后{learned}。形状和感受野不变。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>; together {params} parameters and {macs} MACs</source>
      <translation>；合计 {params} 个参数和 {macs} 次乘加</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>; together {params} parameters</source>
      <translation>；合计 {params} 个参数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>A block of {count} direct children ({names}), {inside} modules in all{costs}. Select a child to see its own settings.</source>
      <translation>一个有 {count} 个直接子模块（{names}）的模块，内部共 {inside} 个模块{costs}。选中一个子模块可查看它自己的设置。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/layer_facts.py" />
      <source>no</source>
      <translation>否</translation>
    </message>
  </context>
</TS>
